<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>Something unexpected happened. What you saved is safe. If it happens again, tell county IT and send them the logs folder in the data folder.</source>
        <translation>发生了意外错误。已保存的数据是安全的。如果再次出现，请联系县里的信息员，并把数据文件夹里的 logs 文件夹发给他们。</translation>
    </message>
    <message>
        <source>Cannot open the station</source>
        <translation>无法打开本站数据</translation>
    </message>
    <message>
        <source>The database check found damage. Keep working only if you must, and call county IT now.</source>
        <translation>数据库检查发现损坏。请尽快联系县里的信息员，非必要请暂停操作。</translation>
    </message>
</context>
<context>
    <name>BillsPage</name>
    <message>
        <source>Account number or phone of a repeat payer, then Enter</source>
        <translation>输入老客户的户号或手机号后按回车</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>transaction number</source>
        <translation>交易流水号</translation>
    </message>
    <message>
        <source>Log payment and print receipt</source>
        <translation>登记缴费并打印凭条</translation>
    </message>
    <message>
        <source>Void selected (supervisor)…</source>
        <translation>作废所选（需站长）…</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>缴费人</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>voided: </source>
        <translation>已作废：</translation>
    </message>
    <message>
        <source>Payer&apos;s phone</source>
        <translation>缴费人手机</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>结算方式</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>流水号</translation>
    </message>
    <message>
        <source>Commission</source>
        <translation>手续费</translation>
    </message>
    <message>
        <source>New payer: fill in the form.</source>
        <translation>新客户：请填写表单。</translation>
    </message>
    <message>
        <source>Logged {amount} for {account}.</source>
        <translation>已登记 {account} 缴费 {amount}。</translation>
    </message>
    <message>
        <source>Select a payment in the list first.</source>
        <translation>请先在列表中选择一笔缴费。</translation>
    </message>
    <message>
        <source>Void the payment of {amount}</source>
        <translation>作废 {amount} 的缴费</translation>
    </message>
    <message>
        <source>Payment voided.</source>
        <translation>已作废。</translation>
    </message>
</context>
<context>
    <name>CallListPage</name>
    <message>
        <source>Scan or type a waybill to find its row</source>
        <translation>扫描或输入运单号，找到这一行</translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation>取件码</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <source>Last call</source>
        <translation>上次电话</translation>
    </message>
    <message>
        <source>What was said (e.g. will come tomorrow), then Enter</source>
        <translation>通话内容（如：明天来取），输完按回车</translation>
    </message>
    <message>
        <source>Mark phoned</source>
        <translation>已电话通知</translation>
    </message>
    <message>
        <source>Recipients to phone</source>
        <translation>待电话通知</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>text failed: {reason}</source>
        <translation>短信失败：{reason}</translation>
    </message>
    <message>
        <source>opted out of texts</source>
        <translation>已退订短信</translation>
    </message>
    <message>
        <source>privacy waybill: phone tail only</source>
        <translation>隐私面单：只有手机尾号</translation>
    </message>
    <message>
        <source>overdue: due for return</source>
        <translation>逾期：应退回</translation>
    </message>
    <message>
        <source>overdue: remind</source>
        <translation>逾期：需提醒</translation>
    </message>
    <message>
        <source>{n} to phone</source>
        <translation>共 {n} 件待通知</translation>
    </message>
    <message>
        <source>{waybill} ({code}) is not on the list to phone.</source>
        <translation>{waybill}（{code}）不在待电话通知列表中。</translation>
    </message>
    <message>
        <source>{code}: phone {who}, then type a note and press Enter.</source>
        <translation>{code}：请给 {who} 打电话，然后填写备注并按回车。</translation>
    </message>
    <message>
        <source>Scan the parcel or click its row first, then mark it phoned.</source>
        <translation>请先扫描包裹或点选它的那一行，再标记已电话通知。</translation>
    </message>
    <message>
        <source>{code}: marked phoned.</source>
        <translation>{code}：已标记为已电话通知。</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>No station in {path}. Create one first with: station-app init --data-dir …</source>
        <translation>{path} 中没有站点。请先用 station-app init --data-dir … 创建。</translation>
    </message>
    <message>
        <source>Station {code} {name} created in {path}; supervisor: {clerk}.</source>
        <translation>已在 {path} 创建站点 {code} {name}；站长：{clerk}。</translation>
    </message>
    <message>
        <source>Restored {file}. The next sync will check it with the county.</source>
        <translation>已从 {file} 恢复。下次同步会与县平台核对。</translation>
    </message>
    <message>
        <source>Imported {count} expected parcels.</source>
        <translation>已导入 {count} 条到件信息。</translation>
    </message>
    <message>
        <source>Something unexpected happened ({kind}); this was not done. Tell county IT and send them {log}.</source>
        <translation>发生了意外错误（{kind}），此操作没有完成。请告诉县里的技术人员，并把 {log} 发给他们。</translation>
    </message>
    <message>
        <source>The disk is full, so this was not done. Free some space on the disk of {path} (or use another drive), then try again.</source>
        <translation>磁盘已满，此操作没有完成。请在 {path} 所在的磁盘上腾出空间（或换一个磁盘），然后再试。</translation>
    </message>
    <message>
        <source>Exported {count} parcels to {path}.</source>
        <translation>已导出 {count} 个包裹到 {path}。</translation>
    </message>
    <message>
        <source>Clerk {name} added.</source>
        <translation>已添加店员 {name}。</translation>
    </message>
    <message>
        <source>Enrolled with the county as station {code}.</source>
        <translation>已接入县平台，站点编码 {code}。</translation>
    </message>
    <message>
        <source>Another sync of this station is still running (the counter or another command); waited {seconds} s. Try again later.</source>
        <translation>另一个同步（柜台或另一个命令）仍在进行，已等待 {seconds} 秒。请稍后再试。</translation>
    </message>
    <message>
        <source>Sync done: {applied} ops uploaded, {duplicate} already there, {rejected} refused; {feed} feed items, reference data updated: {refs}.</source>
        <translation>同步完成：上传 {applied} 条，已存在 {duplicate} 条，被拒收 {rejected} 条；收到 {feed} 条下发信息，更新的基础数据：{refs}。</translation>
    </message>
    <message>
        <source>Setting {name} is now {value}.</source>
        <translation>设置 {name} 已改为 {value}。</translation>
    </message>
    <message>
        <source>Setting {name} was already {value}; nothing changed.</source>
        <translation>设置 {name} 本来就是 {value}，没有改动。</translation>
    </message>
    <message>
        <source>Backup written to {path}.</source>
        <translation>备份已写入 {path}。</translation>
    </message>
    <message>
        <source>The database has problems; call county IT:</source>
        <translation>数据库有问题，请联系县里的信息员：</translation>
    </message>
    <message>
        <source>The database is sound.</source>
        <translation>数据库完好。</translation>
    </message>
    <message>
        <source>Day {day} closed: expected cash {expected}, counted {counted}.</source>
        <translation>{day} 已日结：应有现金 {expected}，实点 {counted}。</translation>
    </message>
    <message>
        <source>Day report written to {path}.</source>
        <translation>日结报表已写入 {path}。</translation>
    </message>
    <message>
        <source>Synced with the county.</source>
        <translation>已与县级服务器同步。</translation>
    </message>
    <message>
        <source>Not synced: this computer is not joined to a county server (station-app enroll).</source>
        <translation>未同步：这台电脑还没有接入县级服务器（station-app enroll）。</translation>
    </message>
    <message>
        <source>Step {step} did not work; see the log.</source>
        <translation>步骤 {step} 没有完成，详情见日志。</translation>
    </message>
    <message>
        <source>Restored {file} (station {code}). Backups do not carry the county key, so this PC must join the county again: ask county IT for an enrolment code, then run station-app enroll.</source>
        <translation>已恢复 {file}（站点 {code}）。备份不包含县里的同步密钥，所以这台电脑需要重新加入县平台：请向县里的技术人员要一个注册码，然后运行 station-app enroll。</translation>
    </message>
</context>
<context>
    <name>CodPanel</name>
    <message>
        <source>Payment reference (WeChat / Alipay)</source>
        <translation>付款流水号（微信/支付宝）</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>已收款</translation>
    </message>
    <message>
        <source>Waive (supervisor)…</source>
        <translation>免收（站长批准）…</translation>
    </message>
    <message>
        <source>To pay on delivery: {amount} ({waybills}). Collect it before the hand-over.</source>
        <translation>到付/代收：{amount}（{waybills}）。请先收款再出库。</translation>
    </message>
    <message>
        <source>Collected. Now scan the parcels as you hand them over.</source>
        <translation>已收款。请逐件扫描出库。</translation>
    </message>
    <message>
        <source>Let the parcel go without the {amount} due on delivery</source>
        <translation>免收到付/代收款 {amount} 放行出库</translation>
    </message>
    <message>
        <source>Waived. Now scan the parcels as you hand them over.</source>
        <translation>已免收。请逐件扫描出库。</translation>
    </message>
</context>
<context>
    <name>DayClosePage</name>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>Change float (supervisor)…</source>
        <translation>修改备用金（需站长）…</translation>
    </message>
    <message>
        <source>cash counted in the till, yuan</source>
        <translation>钱箱实点现金（元）</translation>
    </message>
    <message>
        <source>why the cash differs</source>
        <translation>现金差额原因</translation>
    </message>
    <message>
        <source>Close the day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Reopen the last closed day (supervisor)…</source>
        <translation>重开最近日结（需站长）…</translation>
    </message>
    <message>
        <source>Cash in the till</source>
        <translation>钱箱现金</translation>
    </message>
    <message>
        <source>Float (this morning)</source>
        <translation>备用金（早上）</translation>
    </message>
    <message>
        <source>Cash in / out</source>
        <translation>现金收入 / 付出</translation>
    </message>
    <message>
        <source>Expected cash</source>
        <translation>应有现金</translation>
    </message>
    <message>
        <source>Counted cash</source>
        <translation>实点现金</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Reason for a difference</source>
        <translation>差额原因</translation>
    </message>
    <message>
        <source>Business day {day}</source>
        <translation>营业日 {day}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Parcels: {i} in, {o} out, {r} returned, {s} on the shelves</source>
        <translation>包裹：入库 {i}，出库 {o}，退回 {r}，在库 {s}</translation>
    </message>
    <message>
        <source>Sent: {n} parcels, fees {fees}</source>
        <translation>寄件：{n} 件，运费 {fees}</translation>
    </message>
    <message>
        <source>Produce: {kg} kg taken in, {boxes} boxes; paid out {paid}</source>
        <translation>农产品：收货 {kg} 公斤，{boxes} 箱；付给农户 {paid}</translation>
    </message>
    <message>
        <source>Bills: {types}; by channel {channels}</source>
        <translation>缴费：{types}；按渠道 {channels}</translation>
    </message>
    <message>
        <source>Courier fees earned: {fees}; cash on delivery collected: {cod}</source>
        <translation>派费收入：{fees}；代收货款：{cod}</translation>
    </message>
    <message>
        <source>counted at the last close</source>
        <translation>上次日结实点结转</translation>
    </message>
    <message>
        <source>set by a supervisor</source>
        <translation>站长已修改</translation>
    </message>
    <message>
        <source>no day closed yet</source>
        <translation>还没有日结过</translation>
    </message>
    <message>
        <source>float {float} + cash in {cash_in} − cash paid out {cash_out}</source>
        <translation>备用金 {float} + 现金收入 {cash_in} − 现金付出 {cash_out}</translation>
    </message>
    <message>
        <source>over</source>
        <translation>多了</translation>
    </message>
    <message>
        <source>short</source>
        <translation>少了</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>相符</translation>
    </message>
    <message>
        <source>Set the float of {day} to {amount}</source>
        <translation>把 {day} 的备用金改为 {amount}</translation>
    </message>
    <message>
        <source>The float of {day} is now {amount}.</source>
        <translation>{day} 的备用金已改为 {amount}。</translation>
    </message>
    <message>
        <source>Day {day} closed.</source>
        <translation>{day} 已日结。</translation>
    </message>
    <message>
        <source>Report saved to {path}.</source>
        <translation>报表已保存到 {path}。</translation>
    </message>
    <message>
        <source>Backup taken.</source>
        <translation>已备份。</translation>
    </message>
    <message>
        <source>Syncing.</source>
        <translation>正在同步。</translation>
    </message>
    <message>
        <source>Not synced: this computer is not connected to the county server.</source>
        <translation>未同步：这台电脑还没有连接县级服务器。</translation>
    </message>
    <message>
        <source>No day is closed.</source>
        <translation>没有已日结的营业日。</translation>
    </message>
    <message>
        <source>Reopen {day}</source>
        <translation>重开 {day}</translation>
    </message>
</context>
<context>
    <name>DispatchPage</name>
    <message>
        <source>Make the hand-over list</source>
        <translation>生成交接单</translation>
    </message>
    <message>
        <source>Scan each item as it goes on the bus</source>
        <translation>上车时逐件扫描</translation>
    </message>
    <message>
        <source>On the bus</source>
        <translation>已上车</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>parcel</source>
        <translation>寄件包裹</translation>
    </message>
    <message>
        <source>produce box</source>
        <translation>农产品箱</translation>
    </message>
    <message>
        <source>Close and print for the driver</source>
        <translation>关闭交接单并打印给司机</translation>
    </message>
    <message>
        <source>Reprint hand-over list</source>
        <translation>重打交接单</translation>
    </message>
    <message>
        <source>{leg} (return trip)</source>
        <translation>{leg}（回程）</translation>
    </message>
    <message>
        <source>{when} run  {route} {mode}  {leg}</source>
        <translation>{when} 班次  {route} {mode}  {leg}</translation>
    </message>
    <message>
        <source>No open hand-over list.</source>
        <translation>没有进行中的交接单。</translation>
    </message>
    <message>
        <source>{route}: {done} of {total} on the bus</source>
        <translation>{route}：已上车 {done} / {total}</translation>
    </message>
    <message>
        <source>not on the list: {codes}</source>
        <translation>不在交接单上：{codes}</translation>
    </message>
    <message>
        <source>No bus run in the timetable.</source>
        <translation>时刻表中没有班次。</translation>
    </message>
    <message>
        <source>Make the hand-over list first.</source>
        <translation>请先生成交接单。</translation>
    </message>
    <message>
        <source>{code} is on the bus.</source>
        <translation>{code} 已上车。</translation>
    </message>
    <message>
        <source>Items missing</source>
        <translation>有物品未扫描</translation>
    </message>
    <message>
        <source>{n} items are not scanned: {codes}. They will wait for the next run. Close anyway?</source>
        <translation>有 {n} 件未扫描：{codes}。它们将等下一班。仍要关闭吗？</translation>
    </message>
    <message>
        <source>Hand-over closed: {n} items left on {route}.</source>
        <translation>交接完成：{n} 件随 {route} 发出。</translation>
    </message>
    <message>
        <source>No hand-over has been closed yet.</source>
        <translation>还没有已完成的交接单。</translation>
    </message>
    <message>
        <source>No A4 printer is set, so the list was not printed: set one under Printer, then press Reprint hand-over list.</source>
        <translation>没有设置 A4 打印机，交接单未打印：请在“打印机”中设置，然后按“重打交接单”。</translation>
    </message>
    <message>
        <source>Printing the hand-over list for the driver…</source>
        <translation>正在打印交给司机的交接单…</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The station database at {path} cannot be read. Call county IT; do not delete the file.</source>
        <translation>无法读取本站数据库 {path}。请联系县里的信息员，不要删除这个文件。</translation>
    </message>
    <message>
        <source>This database was made by a newer version of the app. Install the latest version.</source>
        <translation>这个数据库由更新版本的软件创建，请安装最新版本。</translation>
    </message>
    <message>
        <source>There is no setting called {name}.</source>
        <translation>没有名为 {name} 的设置项。</translation>
    </message>
    <message>
        <source>{name} cannot be changed here. Settings you can change: {choices}.</source>
        <translation>{name} 不能在这里修改。请改用以下可修改的设置：{choices}。</translation>
    </message>
    <message>
        <source>Enter a whole number from {low} to {high}.</source>
        <translation>请输入 {low} 到 {high} 之间的整数。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a choice for {name}. Choose one of: {choices}.</source>
        <translation>“{value}”不是 {name} 可选的值。请从这些值中选一个：{choices}。</translation>
    </message>
    <message>
        <source>The reminder ({remind} days) must come before the return ({ret} days). Make the reminder fewer days, or the return more.</source>
        <translation>提醒天数（{remind} 天）必须少于退回天数（{ret} 天）。请把提醒天数改小，或把退回天数改大。</translation>
    </message>
    <message>
        <source>The message template has a broken {{…}} field. Check the braces.</source>
        <translation>短信模板中有写错的 {{…}} 字段，请检查大括号。</translation>
    </message>
    <message>
        <source>The message template uses unknown fields: {fields}. Use station, courier, tail, code, deadline.</source>
        <translation>短信模板用了未知字段：{fields}。只能用 station、courier、tail、code、deadline。</translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits. Type digits only.</source>
        <translation>密码为 4 到 8 位数字，请只输入数字。</translation>
    </message>
    <message>
        <source>Enter the clerk&apos;s name (at most 20 characters).</source>
        <translation>请输入店员姓名（最多 20 个字）。</translation>
    </message>
    <message>
        <source>A clerk&apos;s role is clerk or supervisor.</source>
        <translation>店员角色只能是“店员”或“站长”。</translation>
    </message>
    <message>
        <source>There is already a clerk called {name}. Choose another name.</source>
        <translation>已有名为 {name} 的店员，请换一个名字。</translation>
    </message>
    <message>
        <source>This clerk is not known here. Choose a name from the list.</source>
        <translation>本站没有这个店员，请从列表中选择。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Wait {seconds} seconds, then try again.</source>
        <translation>密码错误次数过多，请等待 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <source>Wrong PIN. {left} tries left before a one-minute lock.</source>
        <translation>密码错误。再错 {left} 次将锁定一分钟。</translation>
    </message>
    <message>
        <source>Only a supervisor can do this. Ask a supervisor to enter their PIN.</source>
        <translation>只有站长可以执行此操作，请站长输入密码。</translation>
    </message>
    <message>
        <source>The station code {code} is not valid: use 2-32 letters, digits, - or _.</source>
        <translation>站点编码 {code} 无效：请使用 2 到 32 位字母、数字、- 或 _。</translation>
    </message>
    <message>
        <source>Enter the station&apos;s name.</source>
        <translation>请输入站点名称。</translation>
    </message>
    <message>
        <source>This data folder already holds a station. Use another folder.</source>
        <translation>这个数据文件夹里已经有站点，请换一个文件夹。</translation>
    </message>
    <message>
        <source>No shelves are set up. A supervisor must add shelves first.</source>
        <translation>还没有设置货架，请站长先添加货架。</translation>
    </message>
    <message>
        <source>Shelf {shelf} is not valid: shelves 1-99, layers 1-20, capacity 1-9999.</source>
        <translation>货架 {shelf} 设置无效：货架号 1-99，层数 1-20，每层容量 1-9999。</translation>
    </message>
    <message>
        <source>There is no shelf {shelf} layer {layer}. Choose one from the list.</source>
        <translation>没有 {shelf} 号货架第 {layer} 层，请从列表中选择。</translation>
    </message>
    <message>
        <source>This layer has no free pickup code. Move to another layer.</source>
        <translation>这一层已没有可用的取件码，请换一层。</translation>
    </message>
    <message>
        <source>The file is neither UTF-8 nor GBK text. Save it from Excel as CSV and try again.</source>
        <translation>文件既不是 UTF-8 也不是 GBK 文本。请在 Excel 中另存为 CSV 后重试。</translation>
    </message>
    <message>
        <source>The manifest was not imported: {count} lines have problems. Fix them and import again.</source>
        <translation>到件清单未导入：有 {count} 行有问题。请改正后重新导入。</translation>
    </message>
    <message>
        <source>The file {path} cannot be opened. Check that it exists and is not open elsewhere.</source>
        <translation>无法打开文件 {path}。请确认文件存在且没有被其他程序占用。</translation>
    </message>
    <message>
        <source>{value} is not a mobile number. Type the 11 digits, or for a privacy waybill the last 4 digits and a name.</source>
        <translation>{value} 不是手机号。请输入 11 位手机号；隐私面单请输入后 4 位和姓名。</translation>
    </message>
    <message>
        <source>Type exactly the last 4 digits of the phone number.</source>
        <translation>请输入手机号的后 4 位数字。</translation>
    </message>
    <message>
        <source>Nothing was scanned. Scan the waybill barcode again.</source>
        <translation>没有扫到内容，请重新扫描面单条码。</translation>
    </message>
    <message>
        <source>The scan &quot;{value}&quot; is not a waybill number. Turn the input method off and scan again.</source>
        <translation>扫到的“{value}”不是运单号。请关闭输入法后重新扫描。</translation>
    </message>
    <message>
        <source>For a privacy waybill type the recipient&apos;s name as well as the last 4 digits.</source>
        <translation>隐私面单除了后 4 位，还要输入收件人姓名。</translation>
    </message>
    <message>
        <source>Say what is damaged in the note.</source>
        <translation>请在备注里写明破损情况。</translation>
    </message>
    <message>
        <source>{waybill} is already on the shelf with code {code}. Nothing was changed.</source>
        <translation>{waybill} 已经在库，取件码 {code}。未做任何改动。</translation>
    </message>
    <message>
        <source>Type the recipient&apos;s mobile number, or the last 4 digits and a name.</source>
        <translation>请输入收件人手机号，或后 4 位加姓名。</translation>
    </message>
    <message>
        <source>{waybill} is not on the shelf any more ({status}). Check the parcel.</source>
        <translation>{waybill} 已不在库（{status}），请核对包裹。</translation>
    </message>
    <message>
        <source>{waybill} was never received here. Check the parcel and the waybill.</source>
        <translation>本站没有入库过 {waybill}，请核对包裹和单号。</translation>
    </message>
    <message>
        <source>The call note is longer than {limit} characters. Shorten it, then mark the call again.</source>
        <translation>通话备注超过 {limit} 个字。请缩短后再标记一次。</translation>
    </message>
    <message>
        <source>Choose what kind of problem it is (lost, damaged, complaint …), then register it.</source>
        <translation>请先选择问题类型（丢失、破损、投诉……），再登记。</translation>
    </message>
    <message>
        <source>Choose who raised it: a villager or a courier.</source>
        <translation>请选择反映人：村民还是快递员。</translation>
    </message>
    <message>
        <source>Choose what the complaint is about (charged twice, not notified …).</source>
        <translation>请选择投诉事由（二次收费、未通知……）。</translation>
    </message>
    <message>
        <source>Write what happened, then register it.</source>
        <translation>请写明发生了什么，再登记。</translation>
    </message>
    <message>
        <source>The text is longer than {limit} characters. Shorten it.</source>
        <translation>文字超过 {limit} 个字，请精简后再试。</translation>
    </message>
    <message>
        <source>The phone is an 11-digit mobile number or its last 4 digits. Check it or leave it empty.</source>
        <translation>电话应为 11 位手机号或其后 4 位，请核对，或留空。</translation>
    </message>
    <message>
        <source>Scan or type the waybill of the parcel concerned first (a waybill not in the system is kept too).</source>
        <translation>请先扫描或输入相关包裹的运单号（系统中没有的运单号也会记下）。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a waybill number. Scan it again or type it exactly.</source>
        <translation>“{value}”不是运单号，请重新扫描或照原样输入。</translation>
    </message>
    <message>
        <source>{name} is not a JPEG or PNG photo under 20 MB. Choose another file.</source>
        <translation>{name} 不是 20 MB 以内的 JPEG 或 PNG 照片，请另选文件。</translation>
    </message>
    <message>
        <source>{name} cannot be read. Copy the photo to this PC and choose it again.</source>
        <translation>无法读取 {name}，请把照片复制到本机后重新选择。</translation>
    </message>
    <message>
        <source>At most {limit} photos per entry. Choose fewer.</source>
        <translation>每条登记最多 {limit} 张照片，请少选几张。</translation>
    </message>
    <message>
        <source>Choose the outcome (compensated, redelivered, returned or rejected) before resolving.</source>
        <translation>请先选择处理结果（赔偿、重新投递、退回或不予受理），再办结。</translation>
    </message>
    <message>
        <source>A rejection needs its reason. Write why, then resolve again.</source>
        <translation>不予受理须写明理由，请填写后再办结。</translation>
    </message>
    <message>
        <source>Enter the compensation in yuan (more than 0), then resolve again.</source>
        <translation>请填写赔偿金额（元，大于 0），再办结。</translation>
    </message>
    <message>
        <source>{number} is already in progress. Resolve it when it is settled.</source>
        <translation>{number} 已在处理中，处理完毕后请办结。</translation>
    </message>
    <message>
        <source>{number} is already resolved; nothing was changed. Register a new entry if the problem comes back.</source>
        <translation>{number} 已办结，未作任何更改。如问题再次出现，请重新登记。</translation>
    </message>
    <message>
        <source>That entry is not in the register. Reload the page and choose it again.</source>
        <translation>登记簿中没有这一条，请刷新页面后重新选择。</translation>
    </message>
    <message>
        <source>Click an entry in the list first.</source>
        <translation>请先在列表中点选一条登记。</translation>
    </message>
    <message>
        <source>That courier is not in the list. Choose one from the list.</source>
        <translation>列表中没有这家快递公司，请从列表中选择。</translation>
    </message>
    <message>
        <source>No parcel on the shelf has the code {code}. Check the code or search by phone.</source>
        <translation>没有取件码为 {code} 的在库包裹。请核对取件码，或用手机号查找。</translation>
    </message>
    <message>
        <source>No parcel on the shelf for a phone ending {tail}. Check the number or ask for the code.</source>
        <translation>没有手机尾号 {tail} 的在库包裹。请核对号码或询问取件码。</translation>
    </message>
    <message>
        <source>Type a pickup code, a phone number or its last 4 digits, or scan a waybill.</source>
        <translation>请输入取件码、手机号或后 4 位，或扫描运单。</translation>
    </message>
    <message>
        <source>STOP: {waybill} (code {code}) belongs to someone else. Put it back.</source>
        <translation>停！{waybill}（取件码 {code}）不是这位取件人的包裹，请放回货架。</translation>
    </message>
    <message>
        <source>Choose who takes the parcels.</source>
        <translation>请选择取件方式。</translation>
    </message>
    <message>
        <source>For a proxy, type the proxy&apos;s name and the last 4 digits of their phone.</source>
        <translation>代取请输入代取人姓名和手机后 4 位。</translation>
    </message>
    <message>
        <source>Scan each parcel you hand over before confirming.</source>
        <translation>确认前请逐个扫描交出的包裹。</translation>
    </message>
    <message>
        <source>For a door delivery, type the name of who took the parcels at the door.</source>
        <translation>送货上门：请填写签收人姓名。</translation>
    </message>
    <message>
        <source>These parcels belong to different people. Hand over one person&apos;s parcels at a time.</source>
        <translation>这些包裹属于不同的人。一次只交一个人的包裹。</translation>
    </message>
    <message>
        <source>Say why the pickup is undone.</source>
        <translation>请写明撤销取件的原因。</translation>
    </message>
    <message>
        <source>{waybill} has not been picked up, so there is nothing to undo.</source>
        <translation>{waybill} 尚未取件，无需撤销。</translation>
    </message>
    <message>
        <source>Choose the reason for the return.</source>
        <translation>请选择退回原因。</translation>
    </message>
    <message>
        <source>No printer is set up. Choose one under Printer.</source>
        <translation>还没有设置打印机，请在“打印机”中选择。</translation>
    </message>
    <message>
        <source>Cannot write to {path}. Check the folder or the disk, then print again.</source>
        <translation>无法写入 {path}。请检查文件夹或磁盘后重新打印。</translation>
    </message>
    <message>
        <source>The printer at {host}:{port} does not answer. Check its power, cable and network, then reprint.</source>
        <translation>打印机 {host}:{port} 不响应。请检查电源、数据线和网络后重新打印。</translation>
    </message>
    <message>
        <source>This computer cannot send raw jobs to a queue. Choose the system printer or a network printer.</source>
        <translation>这台电脑无法向打印队列发送原始指令，请改选系统打印机或网络打印机。</translation>
    </message>
    <message>
        <source>The printer {queue} refused the label. Check that it is on, has labels and is not paused, then reprint.</source>
        <translation>打印机 {queue} 拒绝了标签。请确认已开机、有标签纸且未暂停，然后重新打印。</translation>
    </message>
    <message>
        <source>There is no printer called {queue} on this computer. Choose it again under Printer.</source>
        <translation>这台电脑上没有名为 {queue} 的打印机，请在“打印机”中重新选择。</translation>
    </message>
    <message>
        <source>Something went wrong in the background; it is written in the log. Try again, and call county IT if it happens again.</source>
        <translation>后台处理出错，已记入日志。请再试一次；再次出现请联系县里技术人员。</translation>
    </message>
    <message>
        <source>The label could not be printed. Check the printer, then reprint.</source>
        <translation>标签未能打印。请检查打印机后重新打印。</translation>
    </message>
    <message>
        <source>This computer has no printer for this paper. Under Printer, set a receipt or A4 printer, or save PDFs into a folder.</source>
        <translation>这台电脑没有可打印这种纸张的打印机。请在“打印机”中设置小票或 A4 打印机，或选择保存 PDF 到文件夹。</translation>
    </message>
    <message>
        <source>Nothing can be saved in {path}: the folder cannot be made or is read-only. Choose another folder with Browse…, then save.</source>
        <translation>无法在 {path} 中保存文件：文件夹无法创建或是只读的。请用“浏览…”选择其他文件夹，然后保存。</translation>
    </message>
    <message>
        <source>The printer setting &quot;{field}&quot; is not valid. Check it and save again.</source>
        <translation>打印机设置“{field}”不正确，请检查后再保存。</translation>
    </message>
    <message>
        <source>The ID number is not in the right form. A resident ID has 17 digits and a digit or X.</source>
        <translation>证件号码格式不对。居民身份证为 17 位数字加 1 位数字或 X。</translation>
    </message>
    <message>
        <source>The ID number&apos;s region code does not exist. Check the first six digits.</source>
        <translation>证件号码的地区码不存在，请核对前六位。</translation>
    </message>
    <message>
        <source>The ID number&apos;s date of birth is not a real date. Check the digits 7 to 14.</source>
        <translation>证件号码中的出生日期不存在，请核对第 7 至 14 位。</translation>
    </message>
    <message>
        <source>The ID number does not add up (wrong last character). Check it against the card.</source>
        <translation>证件号码校验不通过（最后一位不对），请对照证件核对。</translation>
    </message>
    <message>
        <source>The credit code is not 18 characters of digits and letters (no I, O, S, V or Z).</source>
        <translation>统一社会信用代码应为 18 位数字和字母（不含 I、O、S、V、Z）。</translation>
    </message>
    <message>
        <source>The credit code&apos;s region does not exist. Check it against the licence.</source>
        <translation>统一社会信用代码的地区码不存在，请对照营业执照核对。</translation>
    </message>
    <message>
        <source>The credit code does not add up (wrong last character). Check it against the licence.</source>
        <translation>统一社会信用代码校验不通过（最后一位不对），请对照营业执照核对。</translation>
    </message>
    <message>
        <source>Choose the kind of ID from the list.</source>
        <translation>请从列表中选择证件类型。</translation>
    </message>
    <message>
        <source>Type the sender&apos;s name as on the ID.</source>
        <translation>请按证件填写寄件人姓名。</translation>
    </message>
    <message>
        <source>Type the company&apos;s name as on its licence.</source>
        <translation>请按营业执照填写单位名称。</translation>
    </message>
    <message>
        <source>Open and inspect the item, then tick the inspection box. The law requires it.</source>
        <translation>请开箱验视物品后勾选“已验视”，这是法律要求。</translation>
    </message>
    <message>
        <source>Choose how the sender pays.</source>
        <translation>请选择付款方式。</translation>
    </message>
    <message>
        <source>Register the sender first (real-name is the law).</source>
        <translation>请先登记寄件人（实名收寄是法律要求）。</translation>
    </message>
    <message>
        <source>Fill in the recipient&apos;s name, the address and what the item is.</source>
        <translation>请填写收件人姓名、地址和物品名称。</translation>
    </message>
    <message>
        <source>REFUSED: {keyword} is a prohibited item ({category}). The parcel cannot be sent; the refusal is recorded.</source>
        <translation>拒收：{keyword}属于禁寄物品（{category}），不能寄递，已记录拒收。</translation>
    </message>
    <message>
        <source>{keyword} is a restricted item ({category}): a supervisor must check and approve it.</source>
        <translation>{keyword}属于限寄物品（{category}），须站长查验批准。</translation>
    </message>
    <message>
        <source>{city} is in {belongs}, not in {province}. Check the province and the city with the sender.</source>
        <translation>{city} 在{belongs}，不在{province}。请和寄件人核对省份和城市。</translation>
    </message>
    <message>
        <source>Waybill {waybill} is already used for another parcel. Scan the right waybill.</source>
        <translation>运单号 {waybill} 已用于其他包裹，请扫描正确的面单。</translation>
    </message>
    <message>
        <source>The station&apos;s consignment numbers are used up. Ask county IT for a new range.</source>
        <translation>本站的寄件单号已用完，请向县里的信息员申请新号段。</translation>
    </message>
    <message>
        <source>There is no price for {courier} to {province}. Choose another courier or call county IT.</source>
        <translation>没有 {courier} 寄往 {province} 的价格，请换快递公司或联系县里的信息员。</translation>
    </message>
    <message>
        <source>{month} is not a month. Type the year and month as 2026-11 (month 01 to 12).</source>
        <translation>{month} 不是有效的月份。请按 2026-11 的格式输入年月（月份为 01 到 12）。</translation>
    </message>
    <message>
        <source>{field} cannot be negative. Type the weight shown on the scale in kilograms, for example 2.35.</source>
        <translation>{field}不能是负数。请输入秤上显示的公斤数，例如 2.35。</translation>
    </message>
    <message>
        <source>Type the weight in kilograms, for example 2.35.</source>
        <translation>请输入重量（公斤），例如 2.35。</translation>
    </message>
    <message>
        <source>Type the amount in yuan, for example 12.80.</source>
        <translation>请输入金额（元），例如 12.80。</translation>
    </message>
    <message>
        <source>Type the farmer&apos;s name.</source>
        <translation>请填写农户姓名。</translation>
    </message>
    <message>
        <source>A farmer with the phone ending {tail} is already registered. Look them up by phone.</source>
        <translation>尾号 {tail} 的农户已登记，请用手机号查找。</translation>
    </message>
    <message>
        <source>Choose how the farmer is paid.</source>
        <translation>请选择结算方式。</translation>
    </message>
    <message>
        <source>That product is not in the county&apos;s catalogue.</source>
        <translation>县里的产品目录中没有这个产品。</translation>
    </message>
    <message>
        <source>Grade {grade} is not one of this product&apos;s grades.</source>
        <translation>{grade} 不是这个产品的等级。</translation>
    </message>
    <message>
        <source>Tare and deductions are more than the gross weight. Check the weights.</source>
        <translation>皮重和扣重超过了毛重，请核对重量。</translation>
    </message>
    <message>
        <source>The number of boxes must be 1 to 500.</source>
        <translation>箱数应为 1 到 500。</translation>
    </message>
    <message>
        <source>Find or add the farmer first.</source>
        <translation>请先查找或添加农户。</translation>
    </message>
    <message>
        <source>There is no lot {lot}. Check the lot number on the receipt.</source>
        <translation>没有批次 {lot}，请核对收货单上的批次号。</translation>
    </message>
    <message>
        <source>That is more than what is left of lot {lot}: {left_kg} kg left. Check the weight.</source>
        <translation>超过了批次 {lot} 的剩余量：只剩 {left_kg} 公斤。请核对重量。</translation>
    </message>
    <message>
        <source>Type a sold weight above 0 and an amount that is not negative.</source>
        <translation>请输入大于 0 的售出重量和不为负数的金额。</translation>
    </message>
    <message>
        <source>The item is incomplete or damaged.</source>
        <translation>内容不完整或已损坏。</translation>
    </message>
    <message>
        <source>This farmer has no sales to settle yet.</source>
        <translation>该农户还没有可结算的销售。</translation>
    </message>
    <message>
        <source>The fees are more than the sales. Check the fees.</source>
        <translation>费用超过了销售额，请核对费用。</translation>
    </message>
    <message>
        <source>Settle first, then record the payout.</source>
        <translation>请先结算，再登记付款。</translation>
    </message>
    <message>
        <source>This settlement is already paid.</source>
        <translation>这笔结算已经付过款。</translation>
    </message>
    <message>
        <source>A hand-over list is already open. Close it first.</source>
        <translation>已有进行中的交接单，请先关闭。</translation>
    </message>
    <message>
        <source>Nothing is waiting for the bus.</source>
        <translation>没有待发的物品。</translation>
    </message>
    <message>
        <source>That hand-over list does not exist.</source>
        <translation>没有这张交接单。</translation>
    </message>
    <message>
        <source>STOP: {code} is not on this hand-over list. Keep it at the station.</source>
        <translation>停！{code} 不在本交接单上，请留在站内。</translation>
    </message>
    <message>
        <source>{code} is already on the bus.</source>
        <translation>{code} 已经上车。</translation>
    </message>
    <message>
        <source>This hand-over list is already closed.</source>
        <translation>这张交接单已经关闭。</translation>
    </message>
    <message>
        <source>{n} items are not scanned yet. Scan them, or close and leave them for the next run.</source>
        <translation>还有 {n} 件未扫描。请扫描，或关闭交接单留待下一班。</translation>
    </message>
    <message>
        <source>Choose the kind of bill from the list.</source>
        <translation>请从列表中选择缴费类型。</translation>
    </message>
    <message>
        <source>The account number does not fit this kind of bill: {hint}. Check it on the bill.</source>
        <translation>户号与缴费类型不符：{hint}。请对照账单核对。</translation>
    </message>
    <message>
        <source>Type the payer&apos;s name.</source>
        <translation>请填写缴费人姓名。</translation>
    </message>
    <message>
        <source>Choose how it was paid.</source>
        <translation>请选择支付渠道。</translation>
    </message>
    <message>
        <source>Say why the payment is voided.</source>
        <translation>请写明作废原因。</translation>
    </message>
    <message>
        <source>That payment does not exist.</source>
        <translation>没有这笔缴费。</translation>
    </message>
    <message>
        <source>This payment is already voided.</source>
        <translation>这笔缴费已作废。</translation>
    </message>
    <message>
        <source>Choose the service from the list.</source>
        <translation>请从列表中选择服务项目。</translation>
    </message>
    <message>
        <source>Type the villager&apos;s name.</source>
        <translation>请输入办理人姓名。</translation>
    </message>
    <message>
        <source>Choose the kind of business for {hint}.</source>
        <translation>请为“{hint}”选择业务类型。</translation>
    </message>
    <message>
        <source>{hint} needs the villager&apos;s ID: choose the ID type and type its number.</source>
        <translation>“{hint}”需要办理人证件：请选择证件类型并输入证件号码。</translation>
    </message>
    <message>
        <source>Type the reference (transaction or receipt number) for this service.</source>
        <translation>请输入本次服务的凭证号（交易流水号或回执号）。</translation>
    </message>
    <message>
        <source>That service record does not exist.</source>
        <translation>没有这条服务记录。</translation>
    </message>
    <message>
        <source>This service is already voided.</source>
        <translation>这条服务记录已经作废。</translation>
    </message>
    <message>
        <source>Type or scan the bus&apos;s plate number (at most 16 characters).</source>
        <translation>请输入或扫描车辆号牌（最多 16 个字符）。</translation>
    </message>
    <message>
        <source>The driver&apos;s name is too long: type it again.</source>
        <translation>司机姓名太长，请重新输入。</translation>
    </message>
    <message>
        <source>Choose the bus run from the timetable.</source>
        <translation>请从时刻表中选择班次。</translation>
    </message>
    <message>
        <source>A bus run is still open. Close it before starting the next one.</source>
        <translation>还有一个到车班次没有收车，请先收车再开始下一班。</translation>
    </message>
    <message>
        <source>That bus run does not exist.</source>
        <translation>没有这个班次。</translation>
    </message>
    <message>
        <source>This bus run is already closed.</source>
        <translation>这个班次已经收车。</translation>
    </message>
    <message>
        <source>The business day {day} is closed. Enter it on the open day, or ask a supervisor to reopen {day}.</source>
        <translation>营业日 {day} 已日结。请记入当前营业日，或请站长重开 {day}。</translation>
    </message>
    <message>
        <source>A day in the future cannot be closed.</source>
        <translation>不能日结未来的日期。</translation>
    </message>
    <message>
        <source>The cash differs from what is expected. Count again, or write the reason.</source>
        <translation>实点现金与应有现金不符。请重点，或写明原因。</translation>
    </message>
    <message>
        <source>The expected cash is below zero: {short} more was paid out in cash than the float and the cash taken. A drawer cannot hold less than nothing, so this morning&apos;s float must have been at least {least}. Set the float to what was really in the drawer this morning (Change float), then close.</source>
        <translation>应有现金是负数：今天付出的现金比备用金加现金收入多 {short}。钱箱里的钱不会少于零，所以今天早上的备用金至少是 {least}。请把备用金改为早上钱箱里实际的钱（修改备用金），再日结。</translation>
    </message>
    <message>
        <source>Type the float in yuan, 0 or more, for example 200.00.</source>
        <translation>请输入备用金（元），0 或以上，例如 200.00。</translation>
    </message>
    <message>
        <source>Say why the float is changed (for example: the drawer was topped up this morning).</source>
        <translation>请写明修改备用金的原因（例如：早上往钱箱补了零钱）。</translation>
    </message>
    <message>
        <source>Say why the day is reopened.</source>
        <translation>请写明重开原因。</translation>
    </message>
    <message>
        <source>That day is not closed.</source>
        <translation>该日尚未日结。</translation>
    </message>
    <message>
        <source>The backup could not be written to {path}. Check the drive and try again.</source>
        <translation>无法把备份写入 {path}。请检查 U 盘后重试。</translation>
    </message>
    <message>
        <source>The day report could not be saved to {path}. Check the disk; the day is closed and its figures are kept.</source>
        <translation>日结报表无法保存到 {path}。请检查磁盘；这一天已经日结，数字都已保存。</translation>
    </message>
    <message>
        <source>{path} is not a sound station backup. Nothing was restored; try another copy.</source>
        <translation>{path} 不是完好的本站备份，未做恢复；请换一份备份。</translation>
    </message>
    <message>
        <source>The file {path} could not be written. Check the disk and the folder, then try again.</source>
        <translation>无法写入文件 {path}。请检查磁盘和文件夹后重试。</translation>
    </message>
    <message>
        <source>The disk holding {path} is full. Nothing was changed. Free some space on it, then try again.</source>
        <translation>{path} 所在的磁盘已满。没有做任何更改。请腾出一些空间后再试。</translation>
    </message>
    <message>
        <source>The station app or a sync is using the data folder {path}. Close the app (and wait for the sync to finish), then try again. Nothing was changed.</source>
        <translation>便民服务站程序或同步正在使用数据文件夹 {path}。请先关闭程序（并等同步结束），然后再试。没有做任何更改。</translation>
    </message>
    <message>
        <source>{path} is not a backup of a station made by this app. Nothing was restored; choose the right file.</source>
        <translation>{path} 不是本程序做的站点备份。没有恢复任何数据；请选择正确的文件。</translation>
    </message>
    <message>
        <source>{path} was made by a newer version of the app. Nothing was restored; install the latest version first.</source>
        <translation>{path} 是新版本程序做的。没有恢复任何数据；请先安装最新版本。</translation>
    </message>
    <message>
        <source>This backup is of station {backup}, but this PC is station {here}. Nothing was restored. Only if this PC is to become {backup}, county IT restores it with: station-app restore FILE --other-station</source>
        <translation>这个备份是站点 {backup} 的，而这台电脑是站点 {here}。没有恢复任何数据。只有当这台电脑要改作 {backup} 时，才由县里的技术人员用以下命令恢复：station-app restore 文件 --other-station</translation>
    </message>
    <message>
        <source>No stocktake is open. Press Start a stocktake first.</source>
        <translation>没有进行中的盘库。请先点“开始盘库”。</translation>
    </message>
    <message>
        <source>A stocktake is already open. Go on with it, or finish it first.</source>
        <translation>已有一个盘库在进行。请继续盘，或先结束它。</translation>
    </message>
    <message>
        <source>This stocktake is finished. Start a new one to count again.</source>
        <translation>这次盘库已结束。要再盘，请开始新的盘库。</translation>
    </message>
    <message>
        <source>Scan the shelf label (or choose the shelf) first, then scan the parcels on it.</source>
        <translation>请先扫描货架标签（或选择货架），再扫描货架上的包裹。</translation>
    </message>
    <message>
        <source>There is no shelf {shelf}. Scan a shelf label of this station or choose a shelf from the list.</source>
        <translation>没有 {shelf} 号货架。请扫描本站的货架标签，或从列表中选择货架。</translation>
    </message>
    <message>
        <source>{waybill} was already counted on shelf {shelf}. Go on with the next parcel.</source>
        <translation>{waybill} 已在 {shelf} 号货架盘过了。请扫描下一件。</translation>
    </message>
    <message>
        <source>Only a misplaced parcel can be re-shelved here. Choose one in the misplaced list.</source>
        <translation>只有错架的包裹才能在这里重新上架。请在错架列表中选择一件。</translation>
    </message>
    <message>
        <source>Only a parcel this stocktake found missing can be marked lost. Choose one in the missing list.</source>
        <translation>只有本次盘库发现缺少的包裹才能报丢失。请在缺件列表中选择一件。</translation>
    </message>
    <message>
        <source>This parcel was already dealt with in this stocktake. Nothing was changed.</source>
        <translation>这件包裹在本次盘库中已经处理过，没有改动。</translation>
    </message>
    <message>
        <source>A parcel can be marked lost only after the stocktake is finished: it may still turn up on another shelf.</source>
        <translation>盘库结束后才能报丢失：它可能还在别的货架上。</translation>
    </message>
    <message>
        <source>The backup could not be put in place ({path}). The station&apos;s data is unchanged; check the disk and try again.</source>
        <translation>备份没能放到位（{path}）。站点数据没有改变；请检查磁盘后再试。</translation>
    </message>
    <message>
        <source>STOP: {waybill} has {amount} to pay on delivery. Collect it (or ask a supervisor to waive it) before handing the parcel over.</source>
        <translation>停！{waybill} 有到付/代收款 {amount}。请先收款（或请站长批准免收），再交付包裹。</translation>
    </message>
    <message>
        <source>Type the amount to collect in yuan, more than 0, for example 25.00.</source>
        <translation>请输入应收金额（元），大于 0，例如 25.00。</translation>
    </message>
    <message>
        <source>The amount due on {waybill} is already collected or waived.</source>
        <translation>{waybill} 的到付/代收款已收取或已免收。</translation>
    </message>
    <message>
        <source>{waybill} has nothing to pay on delivery.</source>
        <translation>{waybill} 没有到付/代收款。</translation>
    </message>
    <message>
        <source>Type the payment&apos;s reference (the transaction number on the phone) for a payment not in cash.</source>
        <translation>非现金付款请填写付款流水号（手机上的交易单号）。</translation>
    </message>
    <message>
        <source>Say why the amount due is waived.</source>
        <translation>请填写免收原因。</translation>
    </message>
    <message>
        <source>Type the reference of the remittance (the transfer number, or the courier&apos;s receipt number).</source>
        <translation>请填写交款凭证号（转账流水号或快递员收据号）。</translation>
    </message>
    <message>
        <source>Only {owed} of cash on delivery is owed to this courier; {amount} is more. Check the amount.</source>
        <translation>应交该快递公司的代收货款只有 {owed}，{amount} 超出了。请核对金额。</translation>
    </message>
    <message>
        <source>The statement for {month} is already agreed.</source>
        <translation>{month} 的对账单已确认。</translation>
    </message>
    <message>
        <source>There is no fee on the statement for {month}: nothing to agree.</source>
        <translation>{month} 的对账单没有派费记录，无需确认。</translation>
    </message>
    <message>
        <source>Agree the statement for {month} with the courier first, then record the payment.</source>
        <translation>请先与快递公司确认 {month} 的对账单，再登记付款。</translation>
    </message>
    <message>
        <source>The statement for {month} is already marked paid.</source>
        <translation>{month} 的对账单已登记付款。</translation>
    </message>
    <message>
        <source>{path} cannot be read as the courier&apos;s statement. Save it as CSV or .xlsx and try again.</source>
        <translation>{path} 无法作为快递公司对账单读取。请另存为 CSV 或 .xlsx 后重试。</translation>
    </message>
    <message>
        <source>The courier&apos;s file was not read: {count} lines have problems. Fix them and import again.</source>
        <translation>快递公司对账文件未导入：有 {count} 行有问题。请改正后重新导入。</translation>
    </message>
    <message>
        <source>The request was refused ({code}). Nothing was changed.</source>
        <translation>操作被拒绝（{code}），未做任何改动。</translation>
    </message>
</context>
<context>
    <name>Exceptions</name>
    <message>
        <source>Lost</source>
        <translation>丢失</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>Wrong delivery</source>
        <translation>错投/错取</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>拒收</translation>
    </message>
    <message>
        <source>Missing from the bag</source>
        <translation>袋内缺件</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>理赔</translation>
    </message>
    <message>
        <source>Charged twice</source>
        <translation>二次收费</translation>
    </message>
    <message>
        <source>Not notified</source>
        <translation>未通知取件</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>时效延误</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Compensated</source>
        <translation>已赔偿</translation>
    </message>
    <message>
        <source>Redelivered</source>
        <translation>已重新投递</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Villager</source>
        <translation>村民</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>快递员</translation>
    </message>
    <message>
        <source>Damaged parcel</source>
        <translation>破损包裹</translation>
    </message>
    <message>
        <source>Open an entry in the exceptions register for {waybill}?</source>
        <translation>是否为 {waybill} 登记一条问题件？</translation>
    </message>
</context>
<context>
    <name>ExceptionsPage</name>
    <message>
        <source>— choose the kind —</source>
        <translation>— 选择问题类型 —</translation>
    </message>
    <message>
        <source>— what about —</source>
        <translation>— 投诉事由 —</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>mobile or its last 4 digits</source>
        <translation>手机号或后 4 位</translation>
    </message>
    <message>
        <source>Scan each waybill, then Enter</source>
        <translation>逐个扫描运单号，回车</translation>
    </message>
    <message>
        <source>What happened, in a sentence or two</source>
        <translation>发生了什么（一两句话）</translation>
    </message>
    <message>
        <source>Add photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Raised by</source>
        <translation>反映人</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Waybills</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Answer by</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>What was done (e.g. reported to the courier)</source>
        <translation>已做的处理（如：已报快递网点）</translation>
    </message>
    <message>
        <source>Take in hand</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <source>— outcome —</source>
        <translation>— 处理结果 —</translation>
    </message>
    <message>
        <source>compensation, yuan</source>
        <translation>赔偿金额（元）</translation>
    </message>
    <message>
        <source>reason (needed to reject)</source>
        <translation>理由（不予受理必填）</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Print slip</source>
        <translation>打印处理单</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>情况说明</translation>
    </message>
    <message>
        <source>Exceptions, complaints and claims</source>
        <translation>问题件、投诉与理赔</translation>
    </message>
    <message>
        <source>(from the parcel)</source>
        <translation>（按包裹）</translation>
    </message>
    <message>
        <source>{when} (overdue {days} d)</source>
        <translation>{when}（已超期 {days} 天）</translation>
    </message>
    <message>
        <source>{when} (overdue)</source>
        <translation>{when}（已超期）</translation>
    </message>
    <message>
        <source>{n} overdue: answer them first.</source>
        <translation>{n} 件已超期，请优先答复。</translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation> 等另外 {n} 件</translation>
    </message>
    <message>
        <source>{n} problem entries are past their answer date: {list}{more}. Press Shift+F3 to deal with them.</source>
        <translation>有 {n} 件问题件已超过答复期限：{list}{more}。请按 Shift+F3 处理。</translation>
    </message>
    <message>
        <source>{waybill} (not in system)</source>
        <translation>{waybill}（系统中无此件）</translation>
    </message>
    <message>
        <source>{waybill} is not in this station&apos;s system; it is kept and noted as such.</source>
        <translation>{waybill} 不在本站系统中，已照登并注明。</translation>
    </message>
    <message>
        <source>{waybill} added ({code}).</source>
        <translation>已加入 {waybill}（{code}）。</translation>
    </message>
    <message>
        <source>Add photo</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>{n} photos: {names}</source>
        <translation>{n} 张照片：{names}</translation>
    </message>
    <message>
        <source>{number} registered; answer by {when}.</source>
        <translation>{number} 已登记，请于 {when} 前答复。</translation>
    </message>
    <message>
        <source>{number}: {status}.</source>
        <translation>{number}：{status}。</translation>
    </message>
    <message>
        <source>No receipt printer is set: press Printer to set one, then print the slip again.</source>
        <translation>尚未设置小票打印机：请点“打印机”设置后再打印处理单。</translation>
    </message>
</context>
<context>
    <name>FeesPage</name>
    <message>
        <source>Show</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Statement PDF…</source>
        <translation>对账单 PDF…</translation>
    </message>
    <message>
        <source>Statement .xlsx…</source>
        <translation>对账单 .xlsx…</translation>
    </message>
    <message>
        <source>Import the courier&apos;s statement…</source>
        <translation>导入快递公司对账单…</translation>
    </message>
    <message>
        <source>Import the courier&apos;s own file (CSV or .xlsx of waybills) to compare it with ours.</source>
        <translation>导入快递公司自己的对账文件（运单明细 CSV 或 .xlsx），与本站记录核对。</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Ours</source>
        <translation>本站</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Agree the statement</source>
        <translation>确认对账单</translation>
    </message>
    <message>
        <source>Amount paid (yuan)</source>
        <translation>付款金额（元）</translation>
    </message>
    <message>
        <source>Transfer reference</source>
        <translation>转账流水号</translation>
    </message>
    <message>
        <source>Mark paid</source>
        <translation>登记已付款</translation>
    </message>
    <message>
        <source>Amount remitted (yuan)</source>
        <translation>交款金额（元）</translation>
    </message>
    <message>
        <source>Reference of the remittance</source>
        <translation>交款凭证号</translation>
    </message>
    <message>
        <source>Record remittance</source>
        <translation>登记交款</translation>
    </message>
    <message>
        <source>on ours, not on theirs</source>
        <translation>本站有，对方无</translation>
    </message>
    <message>
        <source>on theirs, not on ours</source>
        <translation>对方有，本站无</translation>
    </message>
    <message>
        <source>amounts differ</source>
        <translation>金额不符</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>The courier paid</source>
        <translation>快递公司付款</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>对账单</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>对账核对</translation>
    </message>
    <message>
        <source>Payment and cash on delivery</source>
        <translation>付款与代收货款</translation>
    </message>
    <message>
        <source>handed over</source>
        <translation>派件（已出库）</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>退件</translation>
    </message>
    <message>
        <source>sent via the station</source>
        <translation>寄件（经本站收寄）</translation>
    </message>
    <message>
        <source>{courier} {month}: {n} parcels received.</source>
        <translation>{courier} {month}：到件入库 {n} 件。</translation>
    </message>
    <message>
        <source>{kind}: {n} pieces, {amount}.</source>
        <translation>{kind}：{n} 件，{amount}。</translation>
    </message>
    <message>
        <source>Due to the station: {amount}.</source>
        <translation>应付本站派费：{amount}。</translation>
    </message>
    <message>
        <source>Cash on delivery this month: collected {c}, remitted {r}.</source>
        <translation>本月代收货款：收取 {c}，已交付 {r}。</translation>
    </message>
    <message>
        <source>Agreed {at}; paid {amount} on {paid} ({reference}).</source>
        <translation>已于 {at} 确认；{paid} 已付款 {amount}（{reference}）。</translation>
    </message>
    <message>
        <source>Agreed {at}; not paid yet.</source>
        <translation>已于 {at} 确认；尚未付款。</translation>
    </message>
    <message>
        <source>Not agreed yet.</source>
        <translation>尚未确认。</translation>
    </message>
    <message>
        <source>Cash on delivery owed to {courier}: {amount}</source>
        <translation>应交{courier}的代收货款：{amount}</translation>
    </message>
    <message>
        <source>The courier&apos;s statement</source>
        <translation>快递公司对账单</translation>
    </message>
    <message>
        <source>CSV or Excel files (*.csv *.xlsx)</source>
        <translation>CSV 或 Excel 文件 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Ours {ours}, theirs {theirs}; {matched} waybills agree. {a} on ours only, {b} on theirs only, {c} with different amounts.</source>
        <translation>本站 {ours}，快递公司 {theirs}；{matched} 条一致。本站有对方无 {a} 条，对方有本站无 {b} 条，金额不符 {c} 条。</translation>
    </message>
    <message>
        <source>Statement agreed.</source>
        <translation>对账单已确认。</translation>
    </message>
    <message>
        <source>Payment recorded.</source>
        <translation>付款已登记。</translation>
    </message>
    <message>
        <source>Remittance recorded.</source>
        <translation>交款已登记。</translation>
    </message>
    <message>
        <source>Save the statement</source>
        <translation>保存对账单</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>已保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>received</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>recipient set</source>
        <translation>补录收件人</translation>
    </message>
    <message>
        <source>marked damaged</source>
        <translation>标记破损</translation>
    </message>
    <message>
        <source>courier changed</source>
        <translation>更改快递公司</translation>
    </message>
    <message>
        <source>picked up</source>
        <translation>取件出库</translation>
    </message>
    <message>
        <source>pickup undone</source>
        <translation>撤销取件</translation>
    </message>
    <message>
        <source>reminder queued</source>
        <translation>已排队催取短信</translation>
    </message>
    <message>
        <source>recipient phoned</source>
        <translation>已电话通知</translation>
    </message>
    <message>
        <source>returned to courier</source>
        <translation>退回快递公司</translation>
    </message>
    <message>
        <source>expected parcels imported</source>
        <translation>导入预报清单</translation>
    </message>
    <message>
        <source>problem registered</source>
        <translation>登记问题件</translation>
    </message>
    <message>
        <source>problem taken in hand</source>
        <translation>问题件开始处理</translation>
    </message>
    <message>
        <source>problem resolved</source>
        <translation>问题件办结</translation>
    </message>
    <message>
        <source>sender registered</source>
        <translation>登记寄件人</translation>
    </message>
    <message>
        <source>sending refused</source>
        <translation>拒收寄件</translation>
    </message>
    <message>
        <source>sending accepted</source>
        <translation>收寄</translation>
    </message>
    <message>
        <source>bus run opened</source>
        <translation>开始交接班车</translation>
    </message>
    <message>
        <source>scanned onto the bus</source>
        <translation>扫描装车</translation>
    </message>
    <message>
        <source>bus run closed</source>
        <translation>班车交接完成</translation>
    </message>
    <message>
        <source>farmer added</source>
        <translation>登记农户</translation>
    </message>
    <message>
        <source>produce taken in</source>
        <translation>农产品入库</translation>
    </message>
    <message>
        <source>produce sold</source>
        <translation>农产品售出</translation>
    </message>
    <message>
        <source>county item refused</source>
        <translation>拒收县平台消息</translation>
    </message>
    <message>
        <source>county message read</source>
        <translation>已读县级消息</translation>
    </message>
    <message>
        <source>produce returned to the farmer</source>
        <translation>农产品退还农户</translation>
    </message>
    <message>
        <source>produce settled</source>
        <translation>农产品结算</translation>
    </message>
    <message>
        <source>farmer paid</source>
        <translation>支付农户货款</translation>
    </message>
    <message>
        <source>bill paid</source>
        <translation>代缴费</translation>
    </message>
    <message>
        <source>bill voided</source>
        <translation>作废缴费</translation>
    </message>
    <message>
        <source>service recorded</source>
        <translation>办理便民服务</translation>
    </message>
    <message>
        <source>service voided</source>
        <translation>便民服务作废</translation>
    </message>
    <message>
        <source>bus arrived (run started)</source>
        <translation>到车（班次开始）</translation>
    </message>
    <message>
        <source>missing from the bus run</source>
        <translation>到车短少</translation>
    </message>
    <message>
        <source>day closed</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>day reopened</source>
        <translation>重开日结</translation>
    </message>
    <message>
        <source>float set</source>
        <translation>设置备用金</translation>
    </message>
    <message>
        <source>station set up</source>
        <translation>建站</translation>
    </message>
    <message>
        <source>clerk added</source>
        <translation>添加店员</translation>
    </message>
    <message>
        <source>clerk locked out</source>
        <translation>店员被锁定</translation>
    </message>
    <message>
        <source>setting changed</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <source>shelves laid out</source>
        <translation>设置货架</translation>
    </message>
    <message>
        <source>current shelf set</source>
        <translation>设置当前货架</translation>
    </message>
    <message>
        <source>courier fee earned</source>
        <translation>派费入账</translation>
    </message>
    <message>
        <source>courier fee taken back</source>
        <translation>派费冲回</translation>
    </message>
    <message>
        <source>courier statement agreed</source>
        <translation>派费对账单确认</translation>
    </message>
    <message>
        <source>courier statement paid</source>
        <translation>派费对账单已付款</translation>
    </message>
    <message>
        <source>amount to pay on delivery entered</source>
        <translation>登记到付/代收款</translation>
    </message>
    <message>
        <source>cash on delivery collected</source>
        <translation>到付/代收款已收取</translation>
    </message>
    <message>
        <source>cash on delivery waived</source>
        <translation>到付/代收款已免收</translation>
    </message>
    <message>
        <source>cash on delivery remitted to the courier</source>
        <translation>代收货款已交快递公司</translation>
    </message>
    <message>
        <source>stocktake started</source>
        <translation>开始盘库</translation>
    </message>
    <message>
        <source>stocktake: shelf counted</source>
        <translation>盘库：盘点货架</translation>
    </message>
    <message>
        <source>stocktake: parcel scanned</source>
        <translation>盘库：扫描包裹</translation>
    </message>
    <message>
        <source>stocktake finished</source>
        <translation>盘库结束</translation>
    </message>
    <message>
        <source>re-shelved with a new code (stocktake)</source>
        <translation>重新上架，新取件码（盘库）</translation>
    </message>
    <message>
        <source>marked lost (stocktake)</source>
        <translation>报丢失（盘库）</translation>
    </message>
</context>
<context>
    <name>InboundRunStrip</name>
    <message>
        <source>Bus arrived…</source>
        <translation>到车…</translation>
    </message>
    <message>
        <source>Close the run</source>
        <translation>收车</translation>
    </message>
    <message>
        <source>No bus run open: press Bus arrived when the bus comes.</source>
        <translation>当前没有到车班次：客货邮车到站时请按“到车”。</translation>
    </message>
    <message>
        <source>Run {route} (due {due}, came {came}) {plate}: {got} of {expected} expected received, {missing} missing, {extra} unannounced</source>
        <translation>班次 {route}（应到 {due}，实到 {came}）{plate}：清单 {expected} 件已到 {got} 件，短少 {missing} 件，清单外 {extra} 件</translation>
    </message>
    <message>
        <source>Run {route} (not in the timetable, came {came}) {plate}: {got} of {expected} expected received, {missing} missing, {extra} unannounced</source>
        <translation>班次 {route}（时刻表外，实到 {came}）{plate}：清单 {expected} 件已到 {got} 件，短少 {missing} 件，清单外 {extra} 件</translation>
    </message>
    <message>
        <source>missing: {waybill}</source>
        <translation>短少：{waybill}</translation>
    </message>
    <message>
        <source>unannounced: {waybill}</source>
        <translation>清单外：{waybill}</translation>
    </message>
    <message>
        <source>Run {route} started: {n} parcels expected. Scan the parcels.</source>
        <translation>班次 {route} 已到车：清单 {n} 件，请逐件扫描入库。</translation>
    </message>
    <message>
        <source>Run {route} closed: {got} received, {missing} missing, {extra} unannounced.</source>
        <translation>班次 {route} 已收车：到件 {got} 件，短少 {missing} 件，清单外 {extra} 件。</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>PIN, then Enter</source>
        <translation>输入密码后按回车</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>店员</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Locked after a quiet spell. Type your PIN to continue.</source>
        <translation>长时间无操作已锁定，请输入密码继续。</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>站长</translation>
    </message>
    <message>
        <source>clerk</source>
        <translation>店员</translation>
    </message>
    <message>
        <source>Unlock with your PIN first. The scan was not used; scan it again after logging in.</source>
        <translation>请先输入密码解锁。刚才的扫描未使用，登录后请重新扫描。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Village Station — {name}</source>
        <translation>村级便民服务站 — {name}</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>站长</translation>
    </message>
    <message>
        <source>clerk</source>
        <translation>店员</translation>
    </message>
    <message>
        <source>Clerk: {name} ({role})</source>
        <translation>店员：{name}（{role}）</translation>
    </message>
    <message>
        <source>Welcome, {name}.</source>
        <translation>{name}，您好。</translation>
    </message>
</context>
<context>
    <name>Manifest</name>
    <message>
        <source>the first line must be: waybill,courier,recipient_name,recipient_phone</source>
        <translation>第一行必须是：waybill,courier,recipient_name,recipient_phone</translation>
    </message>
    <message>
        <source>fewer than 4 columns</source>
        <translation>不足 4 列</translation>
    </message>
    <message>
        <source>not a waybill number</source>
        <translation>不是运单号</translation>
    </message>
    <message>
        <source>the same waybill appears on an earlier line</source>
        <translation>与前面某行运单号重复</translation>
    </message>
    <message>
        <source>unknown courier</source>
        <translation>未知的快递公司</translation>
    </message>
    <message>
        <source>a privacy phone needs the recipient&apos;s name</source>
        <translation>隐私号码需要填写收件人姓名</translation>
    </message>
    <message>
        <source>not a mobile number</source>
        <translation>不是手机号</translation>
    </message>
    <message>
        <source>too many rows; split the file</source>
        <translation>行数太多，请拆分文件</translation>
    </message>
    <message>
        <source>the file has no rows</source>
        <translation>文件没有数据行</translation>
    </message>
    <message>
        <source>this line is in another text encoding (UTF-8 or GBK) than the lines before it; save the whole file again as one CSV (UTF-8)</source>
        <translation>这一行的文字编码（UTF-8 或 GBK）与前面的行不同；请把整个文件重新另存为一个 CSV（UTF-8）文件</translation>
    </message>
    <message>
        <source>a field is far too long; check the file is a manifest</source>
        <translation>有一个字段太长；请确认这是到件清单文件</translation>
    </message>
    <message>
        <source>not readable as CSV</source>
        <translation>无法按 CSV 读取</translation>
    </message>
    <message>
        <source>the amount to pay on delivery is not an amount in yuan</source>
        <translation>到付/代收金额不是以元为单位的金额</translation>
    </message>
    <message>
        <source>the fee is not an amount in yuan</source>
        <translation>派费不是以元为单位的金额</translation>
    </message>
    <message>
        <source>the first line must name the waybill column (运单号) and the fee column (派费 or 金额)</source>
        <translation>第一行须含运单号列（运单号）和金额列（派费或金额）</translation>
    </message>
    <message>
        <source>line {number}: {problem} ({value})</source>
        <translation>第 {number} 行：{problem}（{value}）</translation>
    </message>
</context>
<context>
    <name>Money</name>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>On account</source>
        <translation>月结</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Bills</source>
        <translation>缴费</translation>
    </message>
    <message>
        <source>Day close</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Hand-over</source>
        <translation>交接</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>取件出库</translation>
    </message>
    <message>
        <source>Produce</source>
        <translation>农产品</translation>
    </message>
    <message>
        <source>Parcels in</source>
        <translation>到件入库</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>寄件</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation>盘库</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>问题件</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>便民服务</translation>
    </message>
    <message>
        <source>Courier fees</source>
        <translation>派费对账</translation>
    </message>
</context>
<context>
    <name>Parcel</name>
    <message>
        <source>Unknown courier</source>
        <translation>未知快递</translation>
    </message>
    <message>
        <source>needs phone</source>
        <translation>待补录手机号</translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation>取件码</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>入库时间</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>damaged: </source>
        <translation>破损：</translation>
    </message>
</context>
<context>
    <name>PickupPage</name>
    <message>
        <source>Pickup code, phone, last 4 digits, or scan a waybill</source>
        <translation>输入取件码、手机号、后 4 位，或扫描运单</translation>
    </message>
    <message>
        <source>Scan each parcel as you hand it over</source>
        <translation>交件时逐个扫描包裹</translation>
    </message>
    <message>
        <source>Handed</source>
        <translation>已核对</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>本人</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代取</translation>
    </message>
    <message>
        <source>Delivered to the door</source>
        <translation>送货上门</translation>
    </message>
    <message>
        <source>Name of who takes them</source>
        <translation>取件人姓名</translation>
    </message>
    <message>
        <source>Their phone (last 4 or all)</source>
        <translation>其手机号（后 4 位或完整）</translation>
    </message>
    <message>
        <source>Confirm pickup (Ctrl+Enter)</source>
        <translation>确认出库（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Taken by:</source>
        <translation>取件人：</translation>
    </message>
    <message>
        <source>{k} people have this number. Ask the name, then pick the person:</source>
        <translation>{k} 位收件人手机尾号相同。请问清姓名，再选择取件人：</translation>
    </message>
    <message>
        <source>Several people match. Type their number (1, 2 …) or use ↑ ↓, then Enter.</source>
        <translation>多位收件人匹配。请输入序号（1、2 …）或用 ↑ ↓ 选择，再按回车。</translation>
    </message>
    <message>
        <source>{i}.  {name}  {phone}  ({n} parcels)</source>
        <translation>{i}.  {name}  {phone}  （{n} 件）</translation>
    </message>
    <message>
        <source>Type the person&apos;s number, or ↑ ↓, then Enter</source>
        <translation>输入取件人序号，或用 ↑ ↓ 选择，再按回车</translation>
    </message>
    <message>
        <source>{name} {phone}: {n} parcels on the shelf</source>
        <translation>{name} {phone}：还有 {n} 个包裹</translation>
    </message>
    <message>
        <source>Fetch the parcels, then scan each one as you hand it over.</source>
        <translation>请取出包裹，交给取件人时逐个扫描。</translation>
    </message>
    <message>
        <source>Pick the person first (ask their name), then scan their parcels. That scan was not counted.</source>
        <translation>请先选择取件人（问清姓名），再扫描其包裹。刚才的扫描不计入。</translation>
    </message>
    <message>
        <source>Type a number from 1 to {k}, or use ↑ ↓, then Enter.</source>
        <translation>请输入 1 到 {k} 的序号，或用 ↑ ↓ 选择，再按回车。</translation>
    </message>
    <message>
        <source>{code} checked. {left} left to hand over.</source>
        <translation>{code} 已核对，还剩 {left} 个。</translation>
    </message>
    <message>
        <source>Pick the person first (ask their name), then scan their parcels.</source>
        <translation>请先选择取件人（问清姓名），再扫描其包裹。</translation>
    </message>
    <message>
        <source>Handed over {n} parcels.</source>
        <translation>已出库 {n} 个包裹。</translation>
    </message>
    <message>
        <source>Taken by {who}.</source>
        <translation>取件人：{who}。</translation>
    </message>
    <message>
        <source>{left} of theirs are still on the shelf.</source>
        <translation>其还有 {left} 个包裹在库。</translation>
    </message>
</context>
<context>
    <name>PrinterDialog</name>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>No printer</source>
        <translation>不使用打印机</translation>
    </message>
    <message>
        <source>System printer</source>
        <translation>系统打印机</translation>
    </message>
    <message>
        <source>Label printer on a queue (raw TSPL/ZPL)</source>
        <translation>标签打印机（打印队列，TSPL/ZPL 指令）</translation>
    </message>
    <message>
        <source>Network label printer (port 9100)</source>
        <translation>网络标签打印机（9100 端口）</translation>
    </message>
    <message>
        <source>Save PDF into a folder</source>
        <translation>保存 PDF 到文件夹</translation>
    </message>
    <message>
        <source>Raw job to a file</source>
        <translation>打印指令写入文件</translation>
    </message>
    <message>
        <source>Use the printer&apos;s own barcode command</source>
        <translation>使用打印机自带的条码指令</translation>
    </message>
    <message>
        <source>Print a pickup sticker for every parcel received</source>
        <translation>每件入库自动打印取件码贴纸</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>Printer type</source>
        <translation>打印方式</translation>
    </message>
    <message>
        <source>Printer / queue</source>
        <translation>打印机 / 队列</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Network address</source>
        <translation>网络地址</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Folder or file</source>
        <translation>文件夹或文件</translation>
    </message>
    <message>
        <source>Printer language</source>
        <translation>打印机指令集</translation>
    </message>
    <message>
        <source>Label size</source>
        <translation>标签尺寸</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Darkness (0-15)</source>
        <translation>打印浓度（0-15）</translation>
    </message>
    <message>
        <source>Shift right</source>
        <translation>向右偏移</translation>
    </message>
    <message>
        <source>Shift down</source>
        <translation>向下偏移</translation>
    </message>
    <message>
        <source>Receipt printer (80 mm)</source>
        <translation>小票打印机（80 毫米）</translation>
    </message>
    <message>
        <source>A4 printer</source>
        <translation>A4 打印机</translation>
    </message>
    <message>
        <source>Folder for the PDFs</source>
        <translation>保存 PDF 的文件夹</translation>
    </message>
    <message>
        <source>File for the print jobs</source>
        <translation>保存打印指令的文件</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Printing a test label…</source>
        <translation>正在打印测试标签…</translation>
    </message>
    <message>
        <source>Test label sent to {where}. Check that the barcode is sharp and the text sits inside the label; adjust the shift if not.</source>
        <translation>测试标签已发送到 {where}。请检查条码是否清晰、文字是否在标签内；如有偏差请调整偏移。</translation>
    </message>
</context>
<context>
    <name>PrinterField</name>
    <message>
        <source>printer type</source>
        <translation>打印方式</translation>
    </message>
    <message>
        <source>printer language</source>
        <translation>打印机指令集</translation>
    </message>
    <message>
        <source>resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>darkness</source>
        <translation>打印浓度</translation>
    </message>
    <message>
        <source>port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>shift</source>
        <translation>偏移</translation>
    </message>
    <message>
        <source>printer / queue</source>
        <translation>打印机 / 队列</translation>
    </message>
    <message>
        <source>network address</source>
        <translation>网络地址</translation>
    </message>
    <message>
        <source>folder or file</source>
        <translation>文件夹或文件</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>The pickup sticker</source>
        <translation>取件码贴纸</translation>
    </message>
    <message>
        <source>The shelf labels</source>
        <translation>货架标签</translation>
    </message>
    <message>
        <source>The sending label</source>
        <translation>寄件面单</translation>
    </message>
    <message>
        <source>The box labels</source>
        <translation>农产品箱贴</translation>
    </message>
    <message>
        <source>The sheet of pickup codes</source>
        <translation>取件码批量单</translation>
    </message>
    <message>
        <source>The driver&apos;s hand-over list</source>
        <translation>司机交接单</translation>
    </message>
    <message>
        <source>The farmer&apos;s intake receipt</source>
        <translation>农户收货单</translation>
    </message>
    <message>
        <source>The farmer&apos;s settlement statement</source>
        <translation>农户结算单</translation>
    </message>
    <message>
        <source>The payment receipt</source>
        <translation>缴费凭条</translation>
    </message>
    <message>
        <source>The exception slip</source>
        <translation>问题件处理单</translation>
    </message>
    <message>
        <source>The service receipt</source>
        <translation>便民服务凭条</translation>
    </message>
    <message>
        <source>The cash on delivery receipt</source>
        <translation>到付/代收款收款凭条</translation>
    </message>
    <message>
        <source>The courier fee statement</source>
        <translation>派费对账单</translation>
    </message>
    <message>
        <source>The day-close report</source>
        <translation>日结报表</translation>
    </message>
    <message>
        <source>The report</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>The stocktake report</source>
        <translation>盘库报告</translation>
    </message>
    <message>
        <source>The print job</source>
        <translation>打印任务</translation>
    </message>
    <message>
        <source>The parcel is received; select it on Parcels in and press Reprint sticker.</source>
        <translation>包裹已入库；请在“到件入库”页选中它，按“重新打印”。</translation>
    </message>
    <message>
        <source>Print them again from Stock.</source>
        <translation>请在“库存”页重新打印。</translation>
    </message>
    <message>
        <source>Print the sheet again from Stock.</source>
        <translation>请在“库存”页重新打印这张单子。</translation>
    </message>
    <message>
        <source>The parcel is accepted; write the waybill number on it or print the label again.</source>
        <translation>包裹已收寄；请在包裹上手写运单号，或重新打印面单。</translation>
    </message>
    <message>
        <source>The lot is taken in; write the box codes on the boxes or print the labels again.</source>
        <translation>已收货；请在箱子上手写箱码，或重新打印箱贴。</translation>
    </message>
    <message>
        <source>The hand-over is closed; press Reprint hand-over list on Hand-over when the printer works.</source>
        <translation>交接已完成；打印机恢复后，请在“交接”页按“重打交接单”。</translation>
    </message>
    <message>
        <source>The lot is taken in; give the farmer the lot number written down.</source>
        <translation>已收货；请把批次号手写给农户。</translation>
    </message>
    <message>
        <source>The settlement is recorded; show the farmer the figures on the screen.</source>
        <translation>结算已记录；请让农户核对屏幕上的金额。</translation>
    </message>
    <message>
        <source>The payment is logged; write the receipt by hand if the payer needs one.</source>
        <translation>缴费已登记；缴费人需要凭条时请手写。</translation>
    </message>
    <message>
        <source>The entry is in the register; press Print slip on Exceptions when the printer works.</source>
        <translation>问题件已登记；打印机恢复后，请在“问题件”页点“打印处理单”。</translation>
    </message>
    <message>
        <source>The service is recorded; write the receipt by hand if the villager needs one.</source>
        <translation>服务已登记；如办理人需要凭条，请手写一张。</translation>
    </message>
    <message>
        <source>The day is closed and the report is saved in the reports folder.</source>
        <translation>已日结，报表已保存在 reports 文件夹中。</translation>
    </message>
    <message>
        <source>The stocktake is kept; press Print report on Stocktake when the printer works.</source>
        <translation>盘库结果已保存；打印机恢复后，在“盘库”页点“打印盘库报告”。</translation>
    </message>
    <message>
        <source>{what} was not printed:</source>
        <translation>{what}未打印：</translation>
    </message>
</context>
<context>
    <name>ProducePage</name>
    <message>
        <source>Farmer&apos;s mobile number, then Enter</source>
        <translation>输入农户手机号后按回车</translation>
    </message>
    <message>
        <source>Add farmer</source>
        <translation>添加农户</translation>
    </message>
    <message>
        <source>kg</source>
        <translation>公斤</translation>
    </message>
    <message>
        <source>yuan per kg</source>
        <translation>元/公斤</translation>
    </message>
    <message>
        <source>Take in and print box labels</source>
        <translation>收货并打印箱贴</translation>
    </message>
    <message>
        <source>Lot number</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>Record sale</source>
        <translation>登记销售</translation>
    </message>
    <message>
        <source>Return unsold</source>
        <translation>退回未售</translation>
    </message>
    <message>
        <source>Settle with this farmer</source>
        <translation>与该农户结算</translation>
    </message>
    <message>
        <source>Record payout</source>
        <translation>登记付款</translation>
    </message>
    <message>
        <source>Farmer</source>
        <translation>农户</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>净重</translation>
    </message>
    <message>
        <source>Boxes waiting / taken in</source>
        <translation>待发箱数 / 收货箱数</translation>
    </message>
    <message>
        <source>Taken in at</source>
        <translation>收货时间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>结算方式</translation>
    </message>
    <message>
        <source>Intake</source>
        <translation>收货</translation>
    </message>
    <message>
        <source>Cash payout</source>
        <translation>现金付款</translation>
    </message>
    <message>
        <source>Pay {amount} in cash to {name} now? Count the money out in front of the farmer.</source>
        <translation>现在用现金付给 {name} {amount} 吗？请当着农户的面点清现金。</translation>
    </message>
    <message>
        <source>Payout not recorded.</source>
        <translation>未登记付款。</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Gross (kg)</source>
        <translation>毛重（公斤）</translation>
    </message>
    <message>
        <source>Tare (kg)</source>
        <translation>皮重（公斤）</translation>
    </message>
    <message>
        <source>Deductions: moisture, rejects (kg)</source>
        <translation>扣重：含水、次品（公斤）</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Boxes</source>
        <translation>箱数</translation>
    </message>
    <message>
        <source>Sales and settlement</source>
        <translation>销售与结算</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Sold (kg)</source>
        <translation>售出（公斤）</translation>
    </message>
    <message>
        <source>Sales (yuan)</source>
        <translation>销售额（元）</translation>
    </message>
    <message>
        <source>Fees to deduct (yuan)</source>
        <translation>应扣费用（元）</translation>
    </message>
    <message>
        <source>Lots taken in today</source>
        <translation>今日收货批次</translation>
    </message>
    <message>
        <source>New farmer: type the name and village, then Add farmer.</source>
        <translation>新农户：请填写姓名和村，再点“添加农户”。</translation>
    </message>
    <message>
        <source>Farmer added.</source>
        <translation>已添加农户。</translation>
    </message>
    <message>
        <source>Find or add the farmer first.</source>
        <translation>请先查找或添加农户。</translation>
    </message>
    <message>
        <source>The gross weight</source>
        <translation>毛重</translation>
    </message>
    <message>
        <source>The tare</source>
        <translation>皮重</translation>
    </message>
    <message>
        <source>The deductions</source>
        <translation>扣重</translation>
    </message>
    <message>
        <source>Lot {lot}: net {net}, {n} boxes.</source>
        <translation>批次 {lot}：净重 {net}，{n} 箱。</translation>
    </message>
    <message>
        <source>Sale recorded.</source>
        <translation>已登记销售。</translation>
    </message>
    <message>
        <source>Unsold produce returned to the farmer.</source>
        <translation>未售农产品已退回农户。</translation>
    </message>
    <message>
        <source>Sales {sales} − commission {commission} − fees {fees} = pay {payout}</source>
        <translation>销售 {sales} − 佣金 {commission} − 费用 {fees} = 应付 {payout}</translation>
    </message>
    <message>
        <source>Payout recorded.</source>
        <translation>已登记付款。</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ReceivePage</name>
    <message>
        <source>Scan the waybill barcode</source>
        <translation>扫描运单条码</translation>
    </message>
    <message>
        <source>Mobile (11 digits) or last 4 digits</source>
        <translation>手机号（11 位）或后 4 位</translation>
    </message>
    <message>
        <source>Name (needed with last 4 digits)</source>
        <translation>姓名（只输后 4 位时必填）</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>Import manifest…</source>
        <translation>导入到件清单…</translation>
    </message>
    <message>
        <source>Change courier…</source>
        <translation>更改快递公司…</translation>
    </message>
    <message>
        <source>Mark damaged…</source>
        <translation>标记破损…</translation>
    </message>
    <message>
        <source>Reprint sticker</source>
        <translation>重新打印</translation>
    </message>
    <message>
        <source>To pay on delivery…</source>
        <translation>到付/代收款…</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Bag&apos;s courier</source>
        <translation>本袋快递</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>货架</translation>
    </message>
    <message>
        <source>Received this session (double-click a yellow row to add its phone)</source>
        <translation>本次入库（双击黄色行补录手机号）</translation>
    </message>
    <message>
        <source>Recognise automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Damaged parcel</source>
        <translation>破损包裹</translation>
    </message>
    <message>
        <source>What is damaged?</source>
        <translation>哪里破损？</translation>
    </message>
    <message>
        <source>already on the shelf: put it at this code</source>
        <translation>已在库：请放回此取件码位置</translation>
    </message>
    <message>
        <source>All shelves are full. Code {code} given; make room or add shelves.</source>
        <translation>货架已满。已分配取件码 {code}，请腾出空间或增加货架。</translation>
    </message>
    <message>
        <source>Shelved as {code}. Its phone is asked for after the parcels waiting before it.</source>
        <translation>已上架 {code}。前面的包裹补录完手机号后再补录它的。</translation>
    </message>
    <message>
        <source>Shelved as {code}. Type the recipient&apos;s phone.</source>
        <translation>已上架 {code}，请输入收件人手机号。</translation>
    </message>
    <message>
        <source>Received {waybill} → {code}.</source>
        <translation>入库成功 {waybill} → {code}。</translation>
    </message>
    <message>
        <source>Received {waybill} → {code}</source>
        <translation>入库成功 {waybill} → {code}</translation>
    </message>
    <message>
        <source>type this parcel&apos;s phone</source>
        <translation>请输入此包裹的手机号</translation>
    </message>
    <message>
        <source>Phone for {code} ({waybill}); Esc to skip.</source>
        <translation>请输入 {code}（{waybill}）的收件人手机号；按 Esc 跳过。</translation>
    </message>
    <message>
        <source>{n} more waiting.</source>
        <translation>还有 {n} 个待补录。</translation>
    </message>
    <message>
        <source>Privacy waybill: type the recipient&apos;s name, then Enter.</source>
        <translation>隐私面单：请输入收件人姓名，再按回车。</translation>
    </message>
    <message>
        <source>{code}: recipient {phone} saved, SMS queued.</source>
        <translation>{code}：收件人 {phone} 已保存，取件短信已排队。</translation>
    </message>
    <message>
        <source>{code}: recipient {phone} saved.</source>
        <translation>{code}：收件人 {phone} 已保存。</translation>
    </message>
    <message>
        <source>No full phone number, so no SMS is sent: phone them or tell them in person.</source>
        <translation>无完整手机号，不发短信，请电话/当面通知。</translation>
    </message>
    <message>
        <source>no phone yet</source>
        <translation>尚无手机号</translation>
    </message>
    <message>
        <source>{code} stays on the shelf without a phone; add it later from the list.</source>
        <translation>{code} 暂无手机号，已在库；稍后可在列表中补录。</translation>
    </message>
    <message>
        <source>No printer is set up. Choose one under Printer.</source>
        <translation>还没有设置打印机，请在“打印机”中选择。</translation>
    </message>
    <message>
        <source>Now shelving on {shelf}-{layer}.</source>
        <translation>当前上架位置：{shelf}-{layer}。</translation>
    </message>
    <message>
        <source>To pay on delivery</source>
        <translation>到付/代收款</translation>
    </message>
    <message>
        <source>Amount the recipient pays at pickup (yuan), as printed on the waybill:</source>
        <translation>收件人取件时应付金额（元），按面单所印填写：</translation>
    </message>
    <message>
        <source>{waybill}: {amount} to collect at pickup.</source>
        <translation>{waybill}：取件时应收 {amount}。</translation>
    </message>
    <message>
        <source>Select a parcel in the list first.</source>
        <translation>请先在列表中选择包裹。</translation>
    </message>
    <message>
        <source>Change courier</source>
        <translation>更改快递公司</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Import manifest</source>
        <translation>导入到件清单</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Imported {count} expected parcels.</source>
        <translation>已导入 {count} 条到件信息。</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Back up to USB drive…</source>
        <translation>备份到 U 盘…</translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Building the report…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Folder for the CSV files</source>
        <translation>CSV 文件保存位置</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>已保存到 {path}。</translation>
    </message>
    <message>
        <source>The USB drive</source>
        <translation>选择 U 盘</translation>
    </message>
    <message>
        <source>Backing up to the USB drive… Leave the drive in.</source>
        <translation>正在备份到 U 盘…请不要拔出 U 盘。</translation>
    </message>
    <message>
        <source>Backup written to {path}. Keep the drive somewhere safe.</source>
        <translation>备份已写入 {path}。请妥善保管 U 盘。</translation>
    </message>
    <message>
        <source>Backup to restore</source>
        <translation>选择要恢复的备份</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Replace the station&apos;s data with this backup? Today&apos;s work after the backup is lost here (the county still has what was synced). The app closes afterwards.</source>
        <translation>用这份备份替换本站数据？备份之后的工作在本机将丢失（已同步到县平台的仍在）。恢复后软件将关闭。</translation>
    </message>
    <message>
        <source>The app closes now; start it again.</source>
        <translation>程序现在关闭；请重新打开。</translation>
    </message>
    <message>
        <source>Restored. Start the app again; the next sync checks the data with the county.</source>
        <translation>已恢复。请重新打开软件；下次同步会与县平台核对数据。</translation>
    </message>
</context>
<context>
    <name>ScaleButton</name>
    <message>
        <source>Read scale</source>
        <translation>读取电子秤</translation>
    </message>
    <message>
        <source>No scale is set up (scale_port in station.ini). Type the weight instead.</source>
        <translation>未设置电子秤（station.ini 中的 scale_port），请手工输入重量。</translation>
    </message>
    <message>
        <source>Weighing…</source>
        <translation>称重中…</translation>
    </message>
    <message>
        <source>The scale&apos;s port cannot be opened; check the cable.</source>
        <translation>无法打开电子秤端口，请检查数据线。</translation>
    </message>
    <message>
        <source>The scale is overloaded; take something off.</source>
        <translation>电子秤超载，请减少重量。</translation>
    </message>
    <message>
        <source>The weight did not settle; keep the parcel still and try again.</source>
        <translation>读数不稳定，请放稳后重试。</translation>
    </message>
    <message>
        <source>The scale sent nothing; is it on?</source>
        <translation>电子秤没有数据，是否已开机？</translation>
    </message>
    <message>
        <source>Weighed {kg}.</source>
        <translation>称得 {kg}。</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Waybill, phone, last 4 digits, pickup code or name</source>
        <translation>运单号、手机号、后 4 位、取件码或姓名</translation>
    </message>
    <message>
        <source>Undo pickup (supervisor)…</source>
        <translation>撤销取件（需站长）…</translation>
    </message>
    <message>
        <source>Nothing found for &quot;{text}&quot;.</source>
        <translation>没有找到“{text}”。</translation>
    </message>
    <message>
        <source>proxy</source>
        <translation>代取</translation>
    </message>
    <message>
        <source>to the door</source>
        <translation>送货上门</translation>
    </message>
    <message>
        <source>Select a picked-up parcel in the search results first.</source>
        <translation>请先在搜索结果中选择一个已取件的包裹。</translation>
    </message>
    <message>
        <source>Undo the pickup of {waybill}</source>
        <translation>撤销 {waybill} 的取件</translation>
    </message>
    <message>
        <source>Pickup undone: {waybill} is back on the shelf as {code}.</source>
        <translation>已撤销取件：{waybill} 重新在库，取件码 {code}。</translation>
    </message>
</context>
<context>
    <name>SendPage</name>
    <message>
        <source>Sender&apos;s phone or ID number, then Enter</source>
        <translation>输入寄件人手机号或证件号后按回车</translation>
    </message>
    <message>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Temporary ID</source>
        <translation>临时身份证</translation>
    </message>
    <message>
        <source>Military / armed police ID</source>
        <translation>军人/武警证件</translation>
    </message>
    <message>
        <source>HK / Macao permit</source>
        <translation>港澳居民来往内地通行证</translation>
    </message>
    <message>
        <source>Taiwan permit</source>
        <translation>台湾居民来往大陆通行证</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>only for a company</source>
        <translation>单位寄件时填写</translation>
    </message>
    <message>
        <source>unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Register sender</source>
        <translation>登记寄件人</translation>
    </message>
    <message>
        <source>Sender refuses real-name</source>
        <translation>寄件人拒绝实名</translation>
    </message>
    <message>
        <source>city</source>
        <translation>市</translation>
    </message>
    <message>
        <source>county / district</source>
        <translation>区/县</translation>
    </message>
    <message>
        <source>street, number, room</source>
        <translation>街道、门牌、房号</translation>
    </message>
    <message>
        <source>I opened and inspected the item (收寄验视)</source>
        <translation>已开箱验视物品（收寄验视）</translation>
    </message>
    <message>
        <source>kg, e.g. 2.35</source>
        <translation>公斤，例如 2.35</translation>
    </message>
    <message>
        <source> cm</source>
        <translation> 厘米</translation>
    </message>
    <message>
        <source>Scan the courier&apos;s waybill, or leave empty</source>
        <translation>扫描快递面单；留空则使用本站单号</translation>
    </message>
    <message>
        <source>Accept parcel</source>
        <translation>确认收寄</translation>
    </message>
    <message>
        <source>Sender (real-name registration)</source>
        <translation>寄件人（实名登记）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>ID type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>信用代码</translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation>包裹</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Province / city / county</source>
        <translation>省 / 市 / 区县</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>详细地址</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>重量（公斤）</translation>
    </message>
    <message>
        <source>Size L × W × H (optional)</source>
        <translation>尺寸 长×宽×高（可选）</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>New sender: fill in the name, phone and ID, then register.</source>
        <translation>新寄件人：请填写姓名、手机号和证件后登记。</translation>
    </message>
    <message>
        <source>Sender: {name} {phone} ID {id}</source>
        <translation>寄件人：{name} {phone} 证件 {id}</translation>
    </message>
    <message>
        <source>Sender registered. Now the parcel.</source>
        <translation>寄件人已登记，请填写包裹信息。</translation>
    </message>
    <message>
        <source>Refusal recorded: without real-name registration the parcel cannot be accepted.</source>
        <translation>已记录拒收：未实名登记不能收寄。</translation>
    </message>
    <message>
        <source>Prohibited: {keyword} ({category}). Do not accept it.</source>
        <translation>禁寄：{keyword}（{category}），不能收寄。</translation>
    </message>
    <message>
        <source>Restricted: {keyword} ({category}). A supervisor must approve it.</source>
        <translation>限寄：{keyword}（{category}），须站长确认。</translation>
    </message>
    <message>
        <source> (charged as {kg}: bulky)</source>
        <translation>（抛货，按 {kg} 计费）</translation>
    </message>
    <message>
        <source>Register the sender first (real-name is the law).</source>
        <translation>请先登记寄件人（实名收寄是法律要求）。</translation>
    </message>
    <message>
        <source>Accepted {waybill}, fee {fee}.</source>
        <translation>已收寄 {waybill}，运费 {fee}。</translation>
    </message>
    <message>
        <source>Restricted item: {category} ({keyword}). A supervisor must check it.</source>
        <translation>限寄物品：{category}（{keyword}），须站长查验。</translation>
    </message>
</context>
<context>
    <name>ServicesPage</name>
    <message>
        <source>Phone of a repeat villager, then Enter</source>
        <translation>老顾客手机号，回车</translation>
    </message>
    <message>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Other ID</source>
        <translation>其他证件</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>transaction or receipt number</source>
        <translation>交易流水号或回执号</translation>
    </message>
    <message>
        <source>Record service</source>
        <translation>登记服务</translation>
    </message>
    <message>
        <source>Void selected (supervisor)…</source>
        <translation>作废所选（需主管）…</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>业务类型</translation>
    </message>
    <message>
        <source>Villager</source>
        <translation>办理人</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>服务费</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>voided: </source>
        <translation>已作废：</translation>
    </message>
    <message>
        <source>Villager&apos;s phone</source>
        <translation>办理人手机</translation>
    </message>
    <message>
        <source>ID type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>paid by the villager</source>
        <translation>办理人支付</translation>
    </message>
    <message>
        <source>paid by the provider</source>
        <translation>合作方支付</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>New villager: type the name.</source>
        <translation>新顾客：请输入姓名。</translation>
    </message>
    <message>
        <source>Repeat villager {name}: check the service.</source>
        <translation>老顾客 {name}：请核对服务项目。</translation>
    </message>
    <message>
        <source>Recorded {service} for {name}.</source>
        <translation>已为 {name} 登记“{service}”。</translation>
    </message>
    <message>
        <source>Select a service in the list first.</source>
        <translation>请先在列表中选择一条服务记录。</translation>
    </message>
    <message>
        <source>Void the service {service}</source>
        <translation>作废服务“{service}”</translation>
    </message>
    <message>
        <source>Service voided.</source>
        <translation>服务记录已作废。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Station settings</source>
        <translation>站点设置</translation>
    </message>
    <message>
        <source>Insert {field}: replaced in each text by the real value.</source>
        <translation>插入 {field}：发送时换成每个包裹的实际内容。</translation>
    </message>
    <message>
        <source>clerk</source>
        <translation>店员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>站长</translation>
    </message>
    <message>
        <source>Add clerk</source>
        <translation>添加店员</translation>
    </message>
    <message>
        <source>Remind again after (days)</source>
        <translation>超过几天再次提醒</translation>
    </message>
    <message>
        <source>Due for return after (days)</source>
        <translation>超过几天应退回</translation>
    </message>
    <message>
        <source>Lock after idle (minutes)</source>
        <translation>无操作几分钟后锁屏</translation>
    </message>
    <message>
        <source>Insert:</source>
        <translation>插入字段：</translation>
    </message>
    <message>
        <source>SMS template</source>
        <translation>短信模板</translation>
    </message>
    <message>
        <source>Shelves</source>
        <translation>货架数</translation>
    </message>
    <message>
        <source>Layers per shelf</source>
        <translation>每个货架层数</translation>
    </message>
    <message>
        <source>Parcels per layer</source>
        <translation>每层容量（件）</translation>
    </message>
    <message>
        <source>Language (after restart)</source>
        <translation>界面语言（重启后生效）</translation>
    </message>
    <message>
        <source>Language of printed papers</source>
        <translation>打印单据的语言</translation>
    </message>
    <message>
        <source>New clerk</source>
        <translation>新店员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>station name</source>
        <translation>站点名</translation>
    </message>
    <message>
        <source>courier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>pickup code</source>
        <translation>取件码</translation>
    </message>
    <message>
        <source>last 4 of waybill</source>
        <translation>单号后4位</translation>
    </message>
    <message>
        <source>pick up by</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>The template has a field the station does not know: {fields}. Insert fields with the buttons under the box.</source>
        <translation>模板里有本站不认识的字段：{fields}。请用模板框下方的按钮插入字段。</translation>
    </message>
    <message>
        <source>Example: {text}</source>
        <translation>示例：{text}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Clerk {name} added.</source>
        <translation>已添加店员 {name}。</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up this station</source>
        <translation>设置本站</translation>
    </message>
    <message>
        <source>Welcome. Enter the station&apos;s details from the county&apos;s letter.</source>
        <translation>欢迎使用。请按县里下发的通知填写站点信息。</translation>
    </message>
    <message>
        <source>Station code</source>
        <translation>站点编码</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>站点名称</translation>
    </message>
    <message>
        <source>Your name (supervisor)</source>
        <translation>您的姓名（站长）</translation>
    </message>
    <message>
        <source>PIN (4-8 digits)</source>
        <translation>密码（4-8 位数字）</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Shelves</source>
        <translation>货架数</translation>
    </message>
    <message>
        <source>Layers per shelf</source>
        <translation>每个货架层数</translation>
    </message>
    <message>
        <source>Parcels per layer</source>
        <translation>每层容量（件）</translation>
    </message>
    <message>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>两次密码不一致，请输入相同的密码。</translation>
    </message>
</context>
<context>
    <name>StartRunDialog</name>
    <message>
        <source>Bus arrived</source>
        <translation>到车</translation>
    </message>
    <message>
        <source>{route} due {time}</source>
        <translation>{route} 应到 {time}</translation>
    </message>
    <message>
        <source>{route} (not in the timetable)</source>
        <translation>{route}（时刻表外）</translation>
    </message>
    <message>
        <source>Plate, or scan the driver&apos;s sheet</source>
        <translation>车牌号，或扫描司机交接单</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>司机</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>On shelf</source>
        <translation>在库</translation>
    </message>
    <message>
        <source>Picked up</source>
        <translation>已取件</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
</context>
<context>
    <name>StockPage</name>
    <message>
        <source>All on the shelves</source>
        <translation>全部在库</translation>
    </message>
    <message>
        <source>Overdue: remind again</source>
        <translation>滞留：需再次提醒</translation>
    </message>
    <message>
        <source>Overdue: due for return</source>
        <translation>滞留：应退回</translation>
    </message>
    <message>
        <source>remind</source>
        <translation>需提醒</translation>
    </message>
    <message>
        <source>return</source>
        <translation>应退回</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>滞留超期</translation>
    </message>
    <message>
        <source>Send reminder SMS</source>
        <translation>发送催取短信</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Print code sheet (A4)</source>
        <translation>打印取件码单（A4）</translation>
    </message>
    <message>
        <source>Print shelf labels</source>
        <translation>打印货架标签</translation>
    </message>
    <message>
        <source>Scan a parcel to return it to the courier</source>
        <translation>扫描要退回快递公司的包裹</translation>
    </message>
    <message>
        <source>Refused by recipient</source>
        <translation>收件人拒收</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>Wrong station</source>
        <translation>错分（非本站）</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>货架</translation>
    </message>
    <message>
        <source>Return (退回)</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Parcels on the shelves</source>
        <translation>在库包裹</translation>
    </message>
    <message>
        <source>Search any parcel</source>
        <translation>查询包裹</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>{n} parcels</source>
        <translation>{n} 件</translation>
    </message>
    <message>
        <source>{n} reminder SMS queued.</source>
        <translation>已排队 {n} 条催取短信。</translation>
    </message>
    <message>
        <source>{waybill} ({code}) returned to {courier}.</source>
        <translation>{waybill}（{code}）已退回{courier}。</translation>
    </message>
    <message>
        <source>An A4 sheet needs a system printer or a PDF folder; set one under Printer.</source>
        <translation>A4 取件码单需要系统打印机或 PDF 文件夹，请在“打印机”中设置。</translation>
    </message>
    <message>
        <source>No parcels in the list.</source>
        <translation>列表中没有包裹。</translation>
    </message>
    <message>
        <source>Printing a sheet of {n} pickup codes…</source>
        <translation>正在打印 {n} 个取件码的 A4 单…</translation>
    </message>
    <message>
        <source>No printer is set up. Choose one under Printer.</source>
        <translation>还没有设置打印机，请在“打印机”中选择。</translation>
    </message>
    <message>
        <source>Printing {n} shelf labels…</source>
        <translation>正在打印 {n} 张货架标签…</translation>
    </message>
    <message>
        <source>Export parcels</source>
        <translation>导出包裹</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exported {n} parcels to {path}.</source>
        <translation>已导出 {n} 个包裹到 {path}。</translation>
    </message>
</context>
<context>
    <name>StocktakePage</name>
    <message>
        <source>already picked up</source>
        <translation>已取走</translation>
    </message>
    <message>
        <source>returned to courier</source>
        <translation>已退回快递公司</translation>
    </message>
    <message>
        <source>marked lost</source>
        <translation>已报丢失</translation>
    </message>
    <message>
        <source>never received here</source>
        <translation>本站未入库</translation>
    </message>
    <message>
        <source>re-shelved</source>
        <translation>已重新上架</translation>
    </message>
    <message>
        <source>Start a stocktake</source>
        <translation>开始盘库</translation>
    </message>
    <message>
        <source>Finish and report</source>
        <translation>结束盘库并出报告</translation>
    </message>
    <message>
        <source>Print report</source>
        <translation>打印盘库报告</translation>
    </message>
    <message>
        <source>Scan the shelf label, then every parcel on it</source>
        <translation>先扫货架标签，再逐件扫描该货架上的包裹</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>货架</translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation>取件码</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>Found on shelf</source>
        <translation>发现于货架</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Recorded on shelf</source>
        <translation>记录货架</translation>
    </message>
    <message>
        <source>Mark lost</source>
        <translation>报丢失</translation>
    </message>
    <message>
        <source>Re-shelve here with a new code</source>
        <translation>就地重新上架（新取件码）</translation>
    </message>
    <message>
        <source>Shelf:</source>
        <translation>货架：</translation>
    </message>
    <message>
        <source>Shelf {shelf}</source>
        <translation>{shelf} 号货架</translation>
    </message>
    <message>
        <source>No stocktake yet. Press Start a stocktake, then scan the first shelf&apos;s label.</source>
        <translation>还没有盘库。请点“开始盘库”，然后扫描第一个货架的标签。</translation>
    </message>
    <message>
        <source>Missing so far: not scanned yet</source>
        <translation>目前缺件：还没有扫到</translation>
    </message>
    <message>
        <source>Missing: in the system, not on the shelf</source>
        <translation>缺件：系统在库、货架上没有</translation>
    </message>
    <message>
        <source>Extra: on the shelf, not in stock</source>
        <translation>多件：货架上有、不在库</translation>
    </message>
    <message>
        <source>Misplaced: recorded on another shelf</source>
        <translation>错架：记录在其他货架</translation>
    </message>
    <message>
        <source>scanned {scanned} · missing {missing} · extra {extra} · misplaced {misplaced}</source>
        <translation>已扫 {scanned} · 缺件 {missing} · 多件 {extra} · 错架 {misplaced}</translation>
    </message>
    <message>
        <source>counting shelf {shelf}</source>
        <translation>正在盘 {shelf} 号货架</translation>
    </message>
    <message>
        <source>scan the first shelf&apos;s label</source>
        <translation>请扫描第一个货架的标签</translation>
    </message>
    <message>
        <source>Stocktake open since {when}, {where}: {figures}</source>
        <translation>盘库进行中（{when} 开始），{where}：{figures}</translation>
    </message>
    <message>
        <source>Stocktake finished {when}: {figures}</source>
        <translation>盘库已结束（{when}）：{figures}</translation>
    </message>
    <message>
        <source>Stocktake started. Scan the first shelf&apos;s label.</source>
        <translation>盘库已开始，请扫描第一个货架的标签。</translation>
    </message>
    <message>
        <source>Counting shelf {shelf}: scan every parcel on it.</source>
        <translation>正在盘 {shelf} 号货架：请逐件扫描货架上的包裹。</translation>
    </message>
    <message>
        <source>{waybill}: on its shelf.</source>
        <translation>{waybill}：在架，位置正确。</translation>
    </message>
    <message>
        <source>{waybill} is recorded on shelf {recorded}: misplaced. Re-shelve it here or put it back.</source>
        <translation>{waybill} 记录在 {recorded} 号货架：错架。请就地重新上架，或放回原货架。</translation>
    </message>
    <message>
        <source>{waybill} is not in stock ({why}): extra. Put it aside.</source>
        <translation>{waybill} 不在库（{why}）：多件。请先放到一边。</translation>
    </message>
    <message>
        <source>Finish the stocktake</source>
        <translation>结束盘库</translation>
    </message>
    <message>
        <source>{n} parcels on the counted shelves were not scanned: they will be reported missing. Finish now?</source>
        <translation>已盘货架上还有 {n} 件包裹没有扫到，将作为缺件上报。现在结束吗？</translation>
    </message>
    <message>
        <source>Stocktake finished: missing {missing}, extra {extra}, misplaced {misplaced}.</source>
        <translation>盘库已结束：缺件 {missing}，多件 {extra}，错架 {misplaced}。</translation>
    </message>
    <message>
        <source>{waybill} re-shelved on shelf {shelf} layer {layer}: new pickup code {code}. Write it on the parcel; the recipient gets a new text.</source>
        <translation>{waybill} 已重新上架到 {shelf} 号货架第 {layer} 层，新取件码 {code}。请写在包裹上；收件人会收到新的短信。</translation>
    </message>
    <message>
        <source>Mark {waybill} (code {code}) as lost? It leaves the stock and its pickup text is cancelled.</source>
        <translation>把 {waybill}（取件码 {code}）报丢失吗？它将出库，未发出的取件短信会取消。</translation>
    </message>
    <message>
        <source>{waybill} is marked lost.</source>
        <translation>{waybill} 已报丢失。</translation>
    </message>
    <message>
        <source>No A4 printer is set, so the report was not printed: set one under Printer, then press Print report.</source>
        <translation>没有设置 A4 打印机，报告未打印：请在“打印机”中设置，然后点“打印盘库报告”。</translation>
    </message>
    <message>
        <source>Printing the stocktake report…</source>
        <translation>正在打印盘库报告…</translation>
    </message>
</context>
<context>
    <name>SupervisorDialog</name>
    <message>
        <source>Supervisor</source>
        <translation>站长</translation>
    </message>
    <message>
        <source>Supervisor&apos;s PIN</source>
        <translation>站长密码</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>No connection to the county server. Work goes on; it will sync when the line is back.</source>
        <translation>无法连接县平台。可以照常工作，网络恢复后会自动同步。</translation>
    </message>
    <message>
        <source>The county server is busy. It will try again shortly.</source>
        <translation>县平台繁忙，稍后会自动重试。</translation>
    </message>
    <message>
        <source>The county server had a problem. It will try again; if it lasts, call county IT.</source>
        <translation>县平台出现问题，稍后会自动重试；如持续出现请联系县里的信息员。</translation>
    </message>
    <message>
        <source>The county server answered something this app does not understand. Nothing was changed; call county IT.</source>
        <translation>县平台返回了无法识别的内容，未做任何改动；请联系县里的信息员。</translation>
    </message>
    <message>
        <source>This station&apos;s sync key has expired. Ask county IT for a new enrolment code.</source>
        <translation>本站的同步凭证已过期，请向县里的信息员索取新的接入码。</translation>
    </message>
    <message>
        <source>This station&apos;s sync key was withdrawn. Ask county IT for a new enrolment code.</source>
        <translation>本站的同步凭证已被收回，请向县里的信息员索取新的接入码。</translation>
    </message>
    <message>
        <source>The county server does not know this station&apos;s key. Ask county IT for a new enrolment code.</source>
        <translation>县平台不认识本站的同步凭证，请向县里的信息员索取新的接入码。</translation>
    </message>
    <message>
        <source>The enrolment code is wrong, used or expired. Check it or ask county IT for a new one.</source>
        <translation>接入码错误、已用过或已过期。请核对，或向县里的信息员索取新的接入码。</translation>
    </message>
    <message>
        <source>This station has not joined the county server yet. Enrol it with the code from county IT.</source>
        <translation>本站尚未接入县平台，请用县里的信息员提供的接入码接入。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not signed by the county CA in the settings, so nothing was sent. Call county IT.</source>
        <translation>服务器证书不是由设置中的县级 CA 签发的，未发送任何数据。请联系县里的信息员。</translation>
    </message>
    <message>
        <source>County reference data arrived damaged; the old data stays in use. It will try again.</source>
        <translation>县里下发的基础数据传输不完整，继续使用原数据，稍后会自动重试。</translation>
    </message>
    <message>
        <source>Set up the station first.</source>
        <translation>请先设置本站。</translation>
    </message>
    <message>
        <source>Another sync of this station is running; this one will try again shortly.</source>
        <translation>另一个同步正在进行，稍后会自动重试。</translation>
    </message>
    <message>
        <source>The station database was restored from a backup while this sync waited; nothing was sent. Run the sync again.</source>
        <translation>同步等待期间，站点数据库已从备份恢复；这次没有上传任何内容。请重新同步一次。</translation>
    </message>
    <message>
        <source>Some items from the county could not be entered; see the county messages. The county has been told.</source>
        <translation>县里发来的部分内容无法入账，请查看县平台消息；已告知县里。</translation>
    </message>
    <message>
        <source>Some records are too large to upload and were set aside. Call county IT.</source>
        <translation>有记录太大，无法上传，已暂放一边。请联系县里IT。</translation>
    </message>
    <message>
        <source>The county reported more records from this PC than it ever sent; nothing was changed. Call county IT.</source>
        <translation>县平台报告的本机记录数多于本机实际上传的，未作任何更改。请联系县里IT。</translation>
    </message>
    <message>
        <source>A record is too large for the county server. Call county IT.</source>
        <translation>有记录太大，县平台无法接收。请联系县里IT。</translation>
    </message>
    <message>
        <source>Sync failed ({code}). It will try again.</source>
        <translation>同步失败（{code}），稍后会自动重试。</translation>
    </message>
    <message>
        <source>The county&apos;s sale result could not be entered: {reason} The county has been told.</source>
        <translation>县里发来的销售结果无法入账：{reason}已告知县里。</translation>
    </message>
    <message>
        <source>An item from the county could not be entered: {reason} The county has been told.</source>
        <translation>县里发来的内容无法入账：{reason}已告知县里。</translation>
    </message>
    <message>
        <source>A {type} record of {mb} MB is too large to upload and was set aside; the rest went on. Call county IT to collect it.</source>
        <translation>一条 {type} 记录有 {mb} MB，太大无法上传，已暂放一边，其余记录照常上传。请联系县里IT取走这条记录。</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Cannot sync: this computer is not connected to the county server yet. Ask the county&apos;s technician to connect it (they bring a connection code).</source>
        <translation>无法同步：这台电脑还没有接入县级服务器。请联系县里的技术人员来接入（他们会带接入码）。</translation>
    </message>
    <message>
        <source>County messages ({n})</source>
        <translation>县里通知（{n}）</translation>
    </message>
    <message>
        <source>Not connected to the county server; ask the county&apos;s technician.</source>
        <translation>未接入县级服务器，请联系县里的技术人员。</translation>
    </message>
    <message>
        <source>Last sync {time}</source>
        <translation>上次同步 {time}</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>{n} to upload</source>
        <translation>{n} 条待上传</translation>
    </message>
    <message>
        <source>{n} refused by the county: tell county IT</source>
        <translation>{n} 条被县平台拒收：请告知县里的信息员</translation>
    </message>
    <message>
        <source>{n} too large to upload: tell county IT</source>
        <translation>{n} 条记录太大无法上传：请告知县里IT</translation>
    </message>
    <message>
        <source>database was restored from a backup: tell county IT</source>
        <translation>数据库曾从备份恢复：请告知县里的信息员</translation>
    </message>
    <message>
        <source>version {v} is available: ask county IT ({url})</source>
        <translation>新版本 {v} 可用：请联系县里的信息员（{url}）</translation>
    </message>
    <message>
        <source>next try in {m} min</source>
        <translation>{m} 分钟后重试</translation>
    </message>
    <message>
        <source>County messages</source>
        <translation>县里通知</translation>
    </message>
    <message>
        <source>No new messages.</source>
        <translation>没有新通知。</translation>
    </message>
</context>
<context>
    <name>TextStatus</name>
    <message>
        <source>not a valid number</source>
        <translation>号码无效</translation>
    </message>
    <message>
        <source>opted out of texts</source>
        <translation>已退订短信</translation>
    </message>
    <message>
        <source>no mobile number</source>
        <translation>没有手机号</translation>
    </message>
    <message>
        <source>too many texts to this phone</source>
        <translation>该号码短信过于频繁</translation>
    </message>
    <message>
        <source>this phone&apos;s daily limit reached</source>
        <translation>该号码今日已达上限</translation>
    </message>
    <message>
        <source>the station&apos;s daily limit reached</source>
        <translation>本站今日已达上限</translation>
    </message>
    <message>
        <source>the county&apos;s SMS account is out of balance</source>
        <translation>县平台短信余额不足</translation>
    </message>
    <message>
        <source>the text template was rejected</source>
        <translation>短信模板未通过</translation>
    </message>
    <message>
        <source>the text signature was rejected</source>
        <translation>短信签名未通过</translation>
    </message>
    <message>
        <source>the county&apos;s SMS account was refused</source>
        <translation>县平台短信账号被拒</translation>
    </message>
    <message>
        <source>refused by the SMS provider</source>
        <translation>短信平台拒发</translation>
    </message>
    <message>
        <source>the SMS provider is busy</source>
        <translation>短信平台繁忙</translation>
    </message>
    <message>
        <source>the text is too long</source>
        <translation>短信过长</translation>
    </message>
    <message>
        <source>not delivered to the phone</source>
        <translation>未送达手机</translation>
    </message>
    <message>
        <source>not known whether it went out</source>
        <translation>不确定是否发出</translation>
    </message>
    <message>
        <source>night-time quiet hours, goes out in the morning</source>
        <translation>夜间免打扰，早上发出</translation>
    </message>
    <message>
        <source>the county does not know this parcel yet</source>
        <translation>县平台尚无此包裹</translation>
    </message>
    <message>
        <source>the parcel had left the shelf</source>
        <translation>包裹已出库</translation>
    </message>
    <message>
        <source>failed: {reason}</source>
        <translation>失败：{reason}</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未说明原因</translation>
    </message>
    <message>
        <source>queued: {reason}</source>
        <translation>排队：{reason}</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>短信</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>{n} kg</source>
        <translation>{n} 公斤</translation>
    </message>
</context>
</TS>
