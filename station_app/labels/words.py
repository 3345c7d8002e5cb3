"""The words printed on labels, receipts and A4 documents, in the station's document language.

A printed document must be in the station's document language (a station setting, `document_language`,
Chinese by default) whatever language this PC's screen uses, and labels/ must not import Qt. So Qt's
translator, which follows the screen, is not used here: a kind asks ``tr(lang, "English source", **fields)``
with a literal source, and this catalogue holds each source's Simplified Chinese (English is the source
itself). Whole sentences with named fields, never pieces glued together, because the order differs.
tests/unit/test_label_words.py checks that every source used in labels/ has its Chinese, that no entry is
unused, and that no kind prints a Chinese literal of its own.
"""

from __future__ import annotations

from ..core.settings import DOCUMENT_LANGUAGES

DEFAULT = DOCUMENT_LANGUAGES[0]
assert DEFAULT == "zh_CN"

ZH_CN: dict[str, str] = {
    # pickup sticker, shelf label, box label
    "{courier}  tail {tail}  {phone}": "{courier}  尾号{tail}  {phone}",
    "shelf {shelf} layer {layer}": "{shelf} 号货架 第 {layer} 层",
    "{grade}  box {box_of}": "{grade}  第 {box_of} 箱",
    # sending label
    "To": "收",
    "From": "寄",
    "Item: {item}": "物品：{item}",
    "{n} kg": "{n} 公斤",
    "Weight: {weight}  Fee: {fee}": "重量：{weight}  运费：{fee}",
    "Accepted: {date} inspected, real name": "收寄：{date} 已验视 实名",
    "Received by (signature):": "收件人签收：",
    # bill receipt
    "Bill receipt": "生活缴费凭条",
    "Bill type:": "缴费类型：",
    "Account:": "户号/号码：",
    "Paid by:": "缴费人：",
    "Amount:": "缴费金额：",
    "Commission:": "手续费：",
    "Total taken:": "合计收取：",
    "Channel:": "缴费渠道：",
    "Reference:": "渠道流水号：",
    "Business day:": "营业日：",
    "Time:": "时间：",
    "Check the account and the amount, and keep this receipt.": "请核对户号与金额，妥善保存本凭条。",
    # exception slip (问题件)
    "Exception slip": "问题件处理单",
    "Lost": "丢失",
    "Damaged": "破损",
    "Wrong delivery": "错投/错取",
    "Refused": "拒收",
    "Missing from the bag": "袋内缺件",
    "Complaint": "投诉",
    "Claim": "理赔",
    "Villager": "村民",
    "Courier": "快递员",
    "Registered": "已登记",
    "In progress": "处理中",
    "Resolved": "已办结",
    "Compensated": "已赔偿",
    "Redelivered": "已重新投递",
    "Returned": "已退回",
    "Rejected": "不予受理",
    "{waybill} (not in system)": "{waybill}（系统中无此件）",
    "Kind:": "类型：",
    "Raised by:": "反映人：",
    "Courier:": "快递公司：",
    "Waybill:": "运单号：",
    "Details:": "情况说明：",
    "Photos:": "照片：",
    "Registered:": "登记时间：",
    "Answer by:": "答复期限：",
    "Status:": "状态：",
    "Outcome:": "处理结果：",
    "Villager / courier signature:": "村民/快递员签字：",
    "Clerk signature:": "经办人签字：",
    "Keep this slip; quote its number when you ask about it.": "请保留本单，查询时请提供单号。",
    # service receipt (一点多能)
    "Service receipt": "便民服务凭条",
    "Service:": "服务项目：",
    "Business:": "业务类型：",
    "For:": "办理人：",
    "ID:": "证件号码：",
    "Paid out:": "付给办理人：",
    "Sum:": "金额：",
    "Paid with:": "支付方式：",
    "Voucher:": "凭证号：",
    "Service fee:": "服务费：",
    "Check the service and the amount, and keep this receipt.": "请核对服务项目与金额，妥善保存本凭条。",
    # hand-over list
    "sent parcel": "寄件",
    "produce box": "农产品箱",
    "Route: {route}  {leg}": "线路：{route}  {leg}",
    "Run: {departs}  Handed over: {closed_at}": "班次：{departs}  交接时间：{closed_at}",
    "On the bus: {count}": "上车 {count} 件：",
    "Not on the bus (next run): {count}": "未上车（等下一班）：{count} 件",
    "Not on the bus: none": "未上车：无",
    "Bus hand-over list · {station}": "客货邮交接单 · {station}",
    "Driver's signature:": "司机签字：",
    "Clerk's signature:": "经办人签字：",
    # produce receipt and settlement statement
    "Produce receipt": "农产品收货单",
    "Produce receipt · {station}": "农产品收货单 · {station}",
    "Consignor:": "委托人：",
    "Village:": "村：",
    "Taken in:": "收货时间：",
    "Lot:": "批次：",
    "Product, grade:": "品名等级：",
    "Gross:": "毛重：",
    "Tare:": "皮重：",
    "Deduction:": "扣重：",
    "Net:": "净重：",
    "Reference price:": "收购参考价：",
    "Reference value:": "参考金额：",
    "Boxes:": "箱数：",
    "{count} boxes": "{count} 箱",
    "Box codes:": "各箱箱码：",
    "Box {number}/{count}  {code}": "第 {number}/{count} 箱  {code}",
    "Payment follows the sale results.": "实际结算以销售结果为准。",
    "Consignor's signature:": "委托人签字：",
    "Settlement statement · {station}": "农产品代销结算单 · {station}",
    "Consignor: {farmer} {phone} {village}": "委托人：{farmer} {phone} {village}",
    "Settled: {date}": "结算日期：{date}",
    "Lots sold:": "已售批次：",
    "{lot}  {product} {grade}  sold {kg}  sales {amount}": "{lot}  {product} {grade}  已售 {kg}  销售额 {amount}",
    "Sales {sales}  commission {commission}  fees {fees}": "销售合计 {sales}  代销佣金 {commission}  费用 {fees}",
    "To pay {payout} ({method})": "应付 {payout}（{method}）",
    # day close report
    "Parcels in / out": "到件 / 取件",
    "Received {received}, picked up {picked_up}, returned {returned}, on the shelves now {in_stock}":
        "入库 {received} 件，出库 {picked_up} 件，退回 {returned} 件，当前在库 {in_stock} 件",
    "Sending": "寄件",
    "Accepted {accepted}, refused {refused}; fees {fees}": "收寄 {accepted} 件，拒收 {refused} 件；运费 {fees}",
    "Produce": "农产品",
    "Taken in {net}, {boxes} boxes; paid to farmers {payouts}": "收货 {net}，{boxes} 箱；付给农户 {payouts}",
    "Bill payments": "生活缴费",
    "By type: {amounts}": "按类型：{amounts}",
    "By channel (with commission): {amounts}; commission {commission}":
        "按渠道（含手续费）：{amounts}；手续费 {commission}",
    "Cash": "现金",
    "Float {float}, expected {expected}, counted {counted}, difference {difference}":
        "备用金 {float}，应有现金 {expected}，实点 {counted}，差额 {difference}",
    "Reason for the difference: {reason}": "差额原因：{reason}",
    "Day close · {station}": "日结报表 · {station}",
    "Business day {day}": "营业日 {day}",
    "Station master's signature:": "站长签字：",
    # period report
    "Business report · {station}": "业务报表 · {station}",
    "{start} to {end}": "{start} 至 {end}",
    "Parcels a day (black bars, upper numbers: in; grey bars, lower numbers: out, sent and produce boxes)":
        "每日件量（黑柱、上排数字：下行到件；灰柱、下排数字：上行寄件+农产品箱）",
    "Parcels in by courier": "下行到件按快递公司",
    "In {down}; out {up} (sent {sent}, produce {boxes} boxes)":
        "下行到件 {down} 件；上行 {up} 件（寄件 {sent}，农产品 {boxes} 箱）",
    "Parcels sent by courier: {counts}": "上行寄件按快递公司：{counts}",
    "Earnings: {amounts}": "收入：{amounts}",
    "sending fees": "寄件运费",
    "produce commission": "代销佣金",
    "bill commission": "缴费手续费",
    "service fees": "便民服务费",
    "Sending fees by courier: {amounts}": "运费按快递公司：{amounts}",
    "Returned {returned_rate} ({returned}/{received}); overdue {overdue_rate} ({overdue}/{in_stock})":
        "退回率 {returned_rate}（{returned}/{received}）；滞留率 {overdue_rate}（{overdue}/{in_stock}）",
    "courier fees": "派费",
    "Courier fees and cash on delivery": "派费与代收货款",
    "Courier fees earned: {fees}; cash on delivery collected: {cod}": "派费收入：{fees}；代收货款：{cod}",
    # cash on delivery receipt
    "Cash on delivery receipt": "到付/代收货款收款凭条",
    "Recipient:": "收件人：",
    "Paid on delivery:": "收款金额：",
    "Collected for the courier. Keep this receipt.": "本款项为代快递公司收取，请妥善保存本凭条。",
    # courier fee statement
    "Courier fee statement · {station}": "派费对账单 · {station}",
    "Courier: {courier}  Month: {month}": "快递公司：{courier}  月份：{month}",
    "Parcels received: {count}": "到件入库：{count} 件",
    "handed over": "派件（已出库）",
    "returned": "退件",
    "sent via the station": "寄件（经本站收寄）",
    "{kind}: {count} pieces, {amount}": "{kind}：{count} 件，{amount}",
    "Fees due to the station: {amount}": "应付本站派费：{amount}",
    "Cash on delivery collected {collected}, remitted {remitted} this month; owed to the courier now {owed}":
        "本月代收货款 {collected}，已交付 {remitted}；目前应交快递公司 {owed}",
    "Waybills ({count}):": "运单明细（{count} 条）：",
    "Courier's signature:": "快递公司签字：",
    "Agreed {date} by {clerk}": "已对账：{date}（{clerk}）",
    "Agreed {date} by {clerk}; paid {amount} on {paid} ({reference})":
        "已对账：{date}（{clerk}）；已付款 {amount}，{paid}（{reference}）",
    # lists joined inside a sentence
    ", ": "，",
    # stocktake report (盘库)
    "already picked up": "已取走",
    "returned to courier": "已退回",
    "marked lost": "已报丢失",
    "never received here": "本站未入库",
    "re-shelved": "已重新上架",
    "open": "待处理",
    "Shelves counted: {shelves}  Parcels scanned: {scanned}": "盘点货架：{shelves}  扫描包裹：{scanned} 件",
    "Started: {started}  Finished: {finished}": "开始：{started}  结束：{finished}",
    "not yet": "未结束",
    "Missing (in the system, not on the shelf): {count}": "缺件（系统在库、货架上没有）：{count} 件",
    "{waybill}  code {code}  shelf {shelf}  · {done}": "{waybill}  取件码 {code}  {shelf} 号货架  · {done}",
    "Extra (on the shelf, not in stock): {count}": "多件（货架上有、不在库）：{count} 件",
    "{waybill}  found on shelf {shelf}  · {reason}": "{waybill}  在 {shelf} 号货架发现  · {reason}",
    "Misplaced (recorded on another shelf): {count}": "错架（记录在其他货架）：{count} 件",
    "{waybill}  found on shelf {shelf}, recorded on shelf {recorded}  · {done}":
        "{waybill}  在 {shelf} 号货架发现，记录在 {recorded} 号货架  · {done}",
    "Stocktake report · {station}": "盘库报告 · {station}",
    "Counted by (signature):": "盘点人签字：",
    "Checked by (signature):": "复核人签字：",
}


def mark(source: str) -> str:
    """A source kept for later (in a table of words); the test finds it here as it finds tr()."""
    return source


def tr(lang: str, source: str, **fields: object) -> str:
    """``source`` in ``lang`` with its fields filled in; an unknown language prints Chinese."""
    text = source if lang == "en" else ZH_CN.get(source, source)
    return text.format(**fields) if fields else text


def join(lang: str, parts: list[str]) -> str:
    """Items of a list inside a sentence: '，' in Chinese, ', ' in English; '-' for none."""
    return tr(lang, ", ").join(parts) or "-"
