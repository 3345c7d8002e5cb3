"""Alibaba Cloud SMS (dysmsapi 2017-05-25) and Tencent Cloud SMS (2021-01-11) through their official SDKs, which
sign each request (ACS3-HMAC-SHA256 / TC3-HMAC-SHA256). The providers' documented codes are mapped to ours."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

from .credentials import scrub
from .gateways import ALARM, FAILED, RETRY, SENT, Answer, Message, Outstanding, Receipt

COUNTY_TZ = timezone(timedelta(hours=8))

# (status, our reason) per provider code; a code not listed fails the one text (never an alarm, never a retry)
ALIYUN_CODES = {
    "isv.MOBILE_NUMBER_ILLEGAL": (FAILED, "invalid_number"),
    "isv.MOBILE_COUNT_OVER_LIMIT": (FAILED, "invalid_number"),
    "isv.BUSINESS_LIMIT_CONTROL": (RETRY, "rate_limited"),
    "isv.DAY_LIMIT_CONTROL": (RETRY, "rate_limited"),
    "Throttling.User": (RETRY, "rate_limited"),
    "Throttling": (RETRY, "rate_limited"),
    "isp.SYSTEM_ERROR": (RETRY, "provider_busy"),
    "isv.AMOUNT_NOT_ENOUGH": (ALARM, "out_of_balance"),
    "isv.OUT_OF_SERVICE": (ALARM, "out_of_balance"),  # 业务停机: the account is in arrears
    "isv.SMS_TEMPLATE_ILLEGAL": (ALARM, "template_rejected"),
    "isv.TEMPLATE_MISSING_PARAMETERS": (ALARM, "template_rejected"),
    "isv.TEMPLATE_PARAMS_ILLEGAL": (ALARM, "template_rejected"),
    "isv.SMS_SIGNATURE_ILLEGAL": (ALARM, "signature_rejected"),
    "isv.SMS_SIGN_ILLEGAL": (ALARM, "signature_rejected"),
    "isv.SIGN_NAME_ILLEGAL": (ALARM, "signature_rejected"),
    "isv.ACCOUNT_NOT_EXISTS": (ALARM, "credentials_rejected"),
    "isv.ACCOUNT_ABNORMAL": (ALARM, "credentials_rejected"),
    "InvalidAccessKeyId.NotFound": (ALARM, "credentials_rejected"),
    "SignatureDoesNotMatch": (ALARM, "credentials_rejected"),
    "IncompleteSignature": (ALARM, "credentials_rejected"),
    "Forbidden.RAM": (ALARM, "credentials_rejected"),
    "isv.BLACK_KEY_CONTROL_LIMIT": (ALARM, "template_rejected"),
    "isv.PARAM_LENGTH_LIMIT": (FAILED, "text_too_long"),
}
TENCENT_CODES = {
    "InvalidParameterValue.IncorrectPhoneNumber": (FAILED, "invalid_number"),
    "FailedOperation.PhoneNumberInBlacklist": (FAILED, "opted_out_at_provider"),
    "LimitExceeded.PhoneNumberThirtySecondLimit": (RETRY, "rate_limited"),
    "LimitExceeded.PhoneNumberOneHourLimit": (RETRY, "rate_limited"),
    "LimitExceeded.PhoneNumberDailyLimit": (RETRY, "rate_limited"),
    "LimitExceeded.PhoneNumberSameContentDailyLimit": (RETRY, "rate_limited"),
    "LimitExceeded.DeliveryFrequencyLimit": (RETRY, "rate_limited"),
    "RequestLimitExceeded": (RETRY, "rate_limited"),
    "InternalError.Timeout": (RETRY, "provider_busy"),
    "InternalError.OtherError": (RETRY, "provider_busy"),
    "FailedOperation.InsufficientBalanceInSmsPackage": (ALARM, "out_of_balance"),
    "FailedOperation.SignatureIncorrectOrUnapproved": (ALARM, "signature_rejected"),
    "FailedOperation.TemplateIncorrectOrUnapproved": (ALARM, "template_rejected"),
    "FailedOperation.TemplateParamSetNotMatchApprovedTemplate": (ALARM, "template_rejected"),
    "InvalidParameterValue.TemplateParameterFormatError": (ALARM, "template_rejected"),
    "InvalidParameterValue.TemplateParameterLengthLimit": (FAILED, "text_too_long"),
    "UnauthorizedOperation.SmsSdkAppIdVerifyFail": (ALARM, "credentials_rejected"),
    "AuthFailure.SignatureFailure": (ALARM, "credentials_rejected"),
    "AuthFailure.SecretIdNotFound": (ALARM, "credentials_rejected"),
    "AuthFailure.SignatureExpire": (RETRY, "clock_skew"),
}
TIMEOUT_S = 10


@dataclass(frozen=True)
class ProviderOptions:
    sign_name: str
    template_code: str
    template_code_many: str
    endpoint: str = ""  # https://host[:port]; empty: the provider's public endpoint
    region: str = ""
    app_id: str = ""  # Tencent's SmsSdkAppId


def mapped(table: dict[str, tuple[str, str]], code: str, detail: str, secrets: dict[str, str]) -> Answer:
    status, reason = table.get(code, (FAILED, "provider_refused"))
    return Answer(status, reason, code[:64], scrub(detail, secrets)[:300])


def _split(endpoint: str, default_host: str) -> tuple[str, str]:
    if not endpoint:
        return "https", default_host
    parts = urlsplit(endpoint)
    return parts.scheme or "https", parts.netloc or default_host


class AliyunGateway:
    name = "aliyun"

    def __init__(self, options: ProviderOptions, secrets: dict[str, str]) -> None:
        from alibabacloud_dysmsapi20170525.client import Client
        from alibabacloud_tea_openapi import models as openapi
        from darabonba.runtime import RuntimeOptions

        scheme, host = _split(options.endpoint, "dysmsapi.aliyuncs.com")
        self.options, self.secrets = options, secrets
        self.client = Client(openapi.Config(access_key_id=secrets["key_id"], access_key_secret=secrets["secret"],
                                            endpoint=host, protocol=scheme, region_id=options.region or "cn-hangzhou",
                                            read_timeout=TIMEOUT_S * 1000, connect_timeout=TIMEOUT_S * 1000))
        self.runtime = RuntimeOptions(autoretry=False, read_timeout=TIMEOUT_S * 1000,
                                      connect_timeout=TIMEOUT_S * 1000)

    def _call(self, work: Any) -> tuple[Any, Answer | None]:
        """The SDK's answer, or ours for its exception (a 4xx/5xx the SDK raises with the provider's code)."""
        try:
            return work(), None
        except Exception as err:  # noqa: BLE001 - the SDK raises its own (Tea) exceptions and requests' errors
            code = str(getattr(err, "code", "") or "")
            status = getattr(err, "status_code", None) or getattr(err, "statusCode", None)
            if not code or status is None:
                return None, Answer(RETRY, "gateway_unreachable", type(err).__name__)
            return None, mapped(ALIYUN_CODES, code, str(getattr(err, "message", "")), self.secrets)

    def send(self, message: Message) -> Answer:
        from alibabacloud_dysmsapi20170525 import models

        request = models.SendSmsRequest(
            phone_numbers=message.phone, sign_name=self.options.sign_name,
            template_code=self.options.template_code_many if message.many else self.options.template_code,
            template_param=json.dumps(message.params, ensure_ascii=False), out_id=message.text_id)
        response, refused = self._call(lambda: self.client.send_sms_with_options(request, self.runtime))
        if refused is not None:
            return refused
        body = response.body
        if body.code == "OK":
            return Answer(SENT, provider_id=str(body.biz_id or ""), code="OK")
        return mapped(ALIYUN_CODES, str(body.code), str(body.message or ""), self.secrets)

    def receipts(self, outstanding: list[Outstanding]) -> list[Receipt]:
        """QuerySendDetails per text (by phone, BizId and the China day it was sent): 3 delivered, 2 failed,
        1 still waiting for the handset."""
        from alibabacloud_dysmsapi20170525 import models

        found = []
        for text in outstanding:
            sent = datetime.fromisoformat(text.sent_at.replace("Z", "+00:00")).astimezone(COUNTY_TZ)
            request = models.QuerySendDetailsRequest(phone_number=text.phone, biz_id=text.provider_id,
                                                     send_date=f"{sent:%Y%m%d}", page_size=10, current_page=1)
            response, refused = self._call(lambda r=request: self.client.query_send_details_with_options(  # type: ignore[misc]
                r, self.runtime))
            if refused is not None or response.body.code != "OK" or not response.body.sms_send_detail_dtos:
                continue
            for detail in response.body.sms_send_detail_dtos.sms_send_detail_dto or []:
                if detail.send_status in (2, 3):
                    found.append(Receipt(text.provider_id, detail.send_status == 3, str(detail.err_code or ""),
                                         _china_time(str(detail.receive_date or "")), str(detail.out_id or "")))
        return found


class TencentGateway:
    name = "tencent"
    queues_receipts = True  # PullSmsSendStatus hands out whatever arrived, for every text at once

    def __init__(self, options: ProviderOptions, secrets: dict[str, str]) -> None:
        from tencentcloud.common import credential
        from tencentcloud.common.profile.client_profile import ClientProfile
        from tencentcloud.common.profile.http_profile import HttpProfile
        from tencentcloud.sms.v20210111 import sms_client

        scheme, host = _split(options.endpoint, "sms.tencentcloudapi.com")
        self.options, self.secrets = options, secrets
        profile = ClientProfile(signMethod="TC3-HMAC-SHA256",
                                httpProfile=HttpProfile(protocol=scheme, endpoint=host, reqTimeout=TIMEOUT_S))
        self.client = sms_client.SmsClient(credential.Credential(secrets["key_id"], secrets["secret"]),
                                           options.region or "ap-guangzhou", profile)

    def _call(self, action: str, request: Any) -> tuple[Any, Answer | None]:
        from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException

        try:
            return getattr(self.client, action)(request), None
        except TencentCloudSDKException as err:
            code = str(err.get_code() or "")
            if code in TENCENT_CODES or "." in code:
                return None, mapped(TENCENT_CODES, code, str(err.get_message() or ""), self.secrets)
            return None, Answer(RETRY, "gateway_unreachable", code[:64])  # ClientNetworkError and the like

    def send(self, message: Message) -> Answer:
        from tencentcloud.sms.v20210111 import models

        request = models.SendSmsRequest()
        request.PhoneNumberSet = ["+86" + message.phone]
        request.SmsSdkAppId = self.options.app_id
        request.SignName = self.options.sign_name
        request.TemplateId = self.options.template_code_many if message.many else self.options.template_code
        request.TemplateParamSet = list(message.params.values())  # Tencent's variables are by position
        request.SessionContext = message.text_id
        response, refused = self._call("SendSms", request)
        if refused is not None:
            return refused
        status = (response.SendStatusSet or [None])[0]
        if status is None:
            return Answer(RETRY, "provider_busy", "empty")
        if status.Code == "Ok":
            return Answer(SENT, provider_id=str(status.SerialNo or ""), code="Ok")
        return mapped(TENCENT_CODES, str(status.Code), str(status.Message or ""), self.secrets)

    def receipts(self, outstanding: list[Outstanding]) -> list[Receipt]:
        """PullSmsSendStatus: a queue at Tencent, each status handed out once."""
        from tencentcloud.sms.v20210111 import models

        request = models.PullSmsSendStatusRequest()
        request.Limit = 100
        request.SmsSdkAppId = self.options.app_id
        response, refused = self._call("PullSmsSendStatus", request)
        if refused is not None:
            return []
        return [Receipt(str(s.SerialNo or ""), s.ReportStatus == "SUCCESS", str(s.Description or ""),
                        _china_time(str(s.UserReceiveTime or "")), str(s.SessionContext or ""))
                for s in response.PullSmsSendStatusSet or []]


def _china_time(text: str) -> str:
    """'2026-11-25 08:01:02' (China time, as both providers write it) as UTC ISO-8601; '' when not that."""
    try:
        moment = datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=COUNTY_TZ)
    except ValueError:
        return ""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
