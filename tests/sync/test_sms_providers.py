"""The official SDKs, for real, against local servers that check their signatures (tests/sync/sms_local.py); the
providers' documented codes mapped to ours; the generic HTTP gateway."""

from __future__ import annotations

import json

import pytest

from sync.server.sms.gateways import ALARM, FAILED, RETRY, SENT, HttpGateway, HttpOptions, Message, Outstanding
from sync.server.sms.providers import AliyunGateway, ProviderOptions, TencentGateway

from .sms_local import APP_ID, KEY_ID, SECRET, AliyunLocal, TencentLocal, VendorLocal

PARAMS = {"station": "龙雾村便民服务站", "code": "1-1-0001", "deadline": "12月02日"}


def message(phone: str = "13812345678", many: bool = False) -> Message:
    return Message("t" + phone, phone, "【龙雾村】取件码 1-1-0001", dict(PARAMS), many)


@pytest.fixture
def aliyun():
    local = AliyunLocal()
    yield local
    local.close()


@pytest.fixture
def tencent():
    local = TencentLocal()
    yield local
    local.close()


def aliyun_gateway(local: AliyunLocal, secret: str = SECRET) -> AliyunGateway:
    return AliyunGateway(ProviderOptions("龙雾村便民服务站", "SMS_100", "SMS_200", local.url),
                         {"key_id": KEY_ID, "secret": secret})


def tencent_gateway(local: TencentLocal, secret: str = SECRET) -> TencentGateway:
    return TencentGateway(ProviderOptions("龙雾村便民服务站", "1000", "2000", local.url, "ap-guangzhou", APP_ID),
                          {"key_id": KEY_ID, "secret": secret})


def test_aliyun_sdk_signs_and_sends_the_template_and_its_variables(aliyun):
    answer = aliyun_gateway(aliyun).send(message())
    assert (answer.status, answer.provider_id) == (SENT, "000001^0") and aliyun.bad_signatures == 0
    sent = aliyun.log[0]
    assert sent["PhoneNumbers"] == "13812345678" and sent["SignName"] == "龙雾村便民服务站"
    assert sent["TemplateCode"] == "SMS_100" and json.loads(sent["TemplateParam"]) == PARAMS
    assert sent["OutId"] == "t13812345678"
    aliyun_gateway(aliyun).send(message("13900000000", many=True))
    assert aliyun.log[1]["TemplateCode"] == "SMS_200"  # several parcels: the county's other template


def test_aliyun_wrong_secret_is_refused_by_the_signature_check_and_raises_an_alarm(aliyun):
    answer = aliyun_gateway(aliyun, secret="wrong-secret-value").send(message())
    assert aliyun.bad_signatures == 1 and not aliyun.log
    assert (answer.status, answer.reason, answer.code) == (ALARM, "credentials_rejected", "SignatureDoesNotMatch")
    assert "wrong-secret-value" not in repr(answer)


@pytest.mark.parametrize(("code", "status", "reason"), [
    ("isv.MOBILE_NUMBER_ILLEGAL", FAILED, "invalid_number"),
    ("isv.BUSINESS_LIMIT_CONTROL", RETRY, "rate_limited"),
    ("isv.AMOUNT_NOT_ENOUGH", ALARM, "out_of_balance"),
    ("isv.SMS_TEMPLATE_ILLEGAL", ALARM, "template_rejected"),
    ("isv.SMS_SIGNATURE_ILLEGAL", ALARM, "signature_rejected"),
    ("isv.SOMETHING_NEW", FAILED, "provider_refused"),
])
def test_aliyun_documented_codes_are_mapped(aliyun, code, status, reason):
    aliyun.code_for = lambda phone: code
    answer = aliyun_gateway(aliyun).send(message())
    assert (answer.status, answer.reason, answer.code) == (status, reason, code)


def test_aliyun_receipts_are_queried_by_phone_bizid_and_day(aliyun):
    gateway = aliyun_gateway(aliyun)
    first, second = gateway.send(message()), gateway.send(message("13900000000"))
    aliyun.delivered = {first.provider_id: (3, "DELIVERED"), second.provider_id: (2, "MK:0001")}
    got = gateway.receipts([Outstanding("a", first.provider_id, "13812345678", "2026-11-25T01:00:00.000Z"),
                            Outstanding("b", second.provider_id, "13900000000", "2026-11-25T01:00:00.000Z")])
    assert [(r.provider_id, r.delivered, r.code) for r in got] == [(first.provider_id, True, "DELIVERED"),
                                                                   (second.provider_id, False, "MK:0001")]
    assert got[0].at == "2026-11-25T01:00:05.000Z" and got[0].text_id == "t13812345678"
    assert aliyun.bad_signatures == 0


def test_tencent_sdk_signs_tc3_and_sends_positional_variables(tencent):
    answer = tencent_gateway(tencent).send(message())
    assert answer.status == SENT and answer.provider_id.startswith("2640:") and tencent.bad_signatures == 0
    sent = tencent.log[0]
    assert sent["PhoneNumberSet"] == ["+8613812345678"] and sent["SignName"] == "龙雾村便民服务站"
    assert sent["TemplateId"] == "1000" and sent["TemplateParamSet"] == list(PARAMS.values())
    assert sent["SessionContext"] == "t13812345678"


def test_tencent_wrong_secret_fails_the_signature_check(tencent):
    answer = tencent_gateway(tencent, secret="wrong-secret-value").send(message())
    assert tencent.bad_signatures == 1 and not tencent.log
    assert (answer.status, answer.reason) == (ALARM, "credentials_rejected")


@pytest.mark.parametrize(("code", "status", "reason"), [
    ("InvalidParameterValue.IncorrectPhoneNumber", FAILED, "invalid_number"),
    ("LimitExceeded.PhoneNumberOneHourLimit", RETRY, "rate_limited"),
    ("FailedOperation.InsufficientBalanceInSmsPackage", ALARM, "out_of_balance"),
    ("FailedOperation.TemplateIncorrectOrUnapproved", ALARM, "template_rejected"),
    ("FailedOperation.SignatureIncorrectOrUnapproved", ALARM, "signature_rejected"),
])
def test_tencent_documented_codes_are_mapped(tencent, code, status, reason):
    tencent.code_for = lambda phone: code
    answer = tencent_gateway(tencent).send(message())
    assert (answer.status, answer.reason, answer.code) == (status, reason, code)


def test_tencent_request_errors_and_pulled_receipts(tencent):
    gateway = tencent_gateway(tencent)
    tencent.error = "RequestLimitExceeded"
    assert (gateway.send(message()).status, gateway.send(message()).reason) == (RETRY, "rate_limited")
    tencent.error = ""
    sent = gateway.send(message())
    tencent.statuses = [{"UserReceiveTime": "2026-11-25 09:00:05", "CountryCode": "86", "SubscriberNumber":
                         "13812345678", "PhoneNumber": "+8613812345678", "SerialNo": sent.provider_id,
                         "ReportStatus": "SUCCESS", "Description": "DELIVRD", "SessionContext": "t13812345678"}]
    got = gateway.receipts([])
    assert [(r.provider_id, r.delivered, r.code, r.text_id) for r in got] == [
        (sent.provider_id, True, "DELIVRD", "t13812345678")]
    assert gateway.receipts([]) == []  # Tencent hands each status out once


@pytest.mark.parametrize("method", ["POST", "GET", "JSON"])
def test_generic_http_gateway_names_its_parameters_and_matches_success(method):
    vendor = VendorLocal(token="vendor-token-123")
    try:
        gateway = HttpGateway(HttpOptions(vendor.url + "/sms/send", method, {
            "phone": "mobile", "text": "content", "token": "apikey", "ref": "extno"}, r'"result": ?"0"'),
            {"secret": "vendor-token-123"})
        assert gateway.send(message()).status == SENT
        assert vendor.log[0] == {"mobile": "13812345678", "content": "【龙雾村】取件码 1-1-0001",
                                 "apikey": "vendor-token-123", "extno": "t13812345678"}
        vendor.status_for = lambda phone: 429
        assert (gateway.send(message()).status, gateway.send(message()).reason) == (RETRY, "rate_limited")
        vendor.status_for = lambda phone: 400
        assert gateway.send(message()).status == FAILED
        wrong = HttpGateway(HttpOptions(vendor.url, method, {"phone": "mobile", "token": "apikey"}), {"secret": "x"})
        refused = wrong.send(message())
        assert (refused.status, refused.reason) == (ALARM, "credentials_rejected")
    finally:
        vendor.close()


def test_generic_gateway_without_the_success_match_is_a_failure_and_the_secret_never_shows():
    vendor = VendorLocal()
    try:
        gateway = HttpGateway(HttpOptions(vendor.url, "POST", {"phone": "mobile", "token": "apikey"},
                                          r'"result": "ok"'), {"secret": "echoed-secret-456"})
        answer = gateway.send(message())  # the vendor's answer does not say "ok"
        assert answer.status == FAILED and "echoed-secret-456" not in answer.detail
    finally:
        vendor.close()


def test_an_unreachable_provider_is_retried_later_not_failed():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    options = ProviderOptions("龙雾村", "1000", "2000", closed, "ap-guangzhou", APP_ID)
    for gateway in (AliyunGateway(options, {"key_id": KEY_ID, "secret": SECRET}),
                    TencentGateway(options, {"key_id": KEY_ID, "secret": SECRET}),
                    HttpGateway(HttpOptions(closed), {})):
        answer = gateway.send(message())
        assert (answer.status, answer.reason) == (RETRY, "gateway_unreachable"), gateway.name
        assert SECRET not in repr(answer)
