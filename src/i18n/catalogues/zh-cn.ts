/** Simplified Chinese. Same keys as en.ts, plus the command descriptions that English keeps with each command. */
export default `
## Failures
failure-unknown-command = 我不认识命令 /{ $command }。发送 \`/help\` 查看我能做什么。
failure-unknown-command-suggestion = 我不认识命令 /{ $command }。你是想用 \`/{ $suggestion }\` 吗？发送 \`/help\` 查看我能做什么。
failure-not-a-command = 我只回应命令。试试 \`/top\` 查看头条，\`/search 关键词\` 进行搜索，或 \`/help\`。
failure-bad-argument = { $problem } 用法：\`{ $usage }\`
failure-story-not-found = “{ $issueTitle }”中没有第 { $number } 篇。文章编号为 { $first }–{ $last }；试试 \`/story { $first }\`。
failure-issue-not-found = 我没有“{ $reference }”这一期。发送 \`/issues\` 查看列表。
failure-issue-not-found-latest = 我没有“{ $reference }”这一期。发送 \`/issues\` 查看列表；最新一期是 { $latest }。
failure-section-not-found = 没有“{ $name }”这个栏目。
failure-section-not-found-list = 没有“{ $name }”这个栏目。栏目：{ $sections }。
failure-no-issues = 存档是空的：还没有发布任何一期。
failure-publication-not-found = 我没有“{ $name }”这个刊物。现有：{ $publications }。发送 \`/publications\` 查看。
failure-no-results = 没有文章匹配“{ $query }”。试试更少或不同的关键词。
failure-no-sources = 第 { $number } 篇没有引用来源。
failure-internal-error = 抱歉，我这边出了点问题。请稍后再试。
failure-subscriptions-unavailable = 订阅功能仅在 Telegram 和 Discord 上提供，这里不可用。
failure-not-saved = 暂时无法保存，请一分钟后再试。
failure-store-unavailable = 暂时无法访问存储，请一分钟后再试。
failure-not-admin = 只有{ $where }的管理员才能更改其订阅。
failure-cannot-post = 我无法在{ $where }发帖：{ $missing }。修复后请再次发送命令。
failure-server-install-needed = 我在这里是以您账户中的应用身份运行，并不是此服务器的成员，所以无法在这里发帖。订阅需要安装到服务器：请服务器管理员用邀请链接把我添加到服务器，然后在我可以发帖的频道中发送 \`/subscribe\`。
failure-target-not-found = 我找不到 { $reference }，或者我不是那里的成员。请先把我加进去。
failure-not-subscribed = { $where } 尚未订阅。发送 \`/subscribe\` 以接收新的一期。
failure-bot-admins-only = 只有本机器人的管理员才能查看其状态。
failure-rate-limited = 你发送命令的速度太快了，我来不及处理。请等待 { $seconds } 秒。
failure-ask-no-match = 存档中没有内容能回答“{ $question }”。换个说法试试，或用 \`/search\` 查找文章。
failure-too-many-questions = 每分钟最多可以提 { $perMinute } 个问题。请等待 { $seconds } 秒后再问。
failure-still-answering = 我还在回答你的上一个问题。请等它结束（或停止它）后再问。
failure-ask-unavailable = 这里不能向存档提问。试试 \`/search\`。
failure-unsupported-language = 我还不会说“{ $language }”。可用语言：{ $languages }。

## Arguments
argument-too-long = 内容太长了（超过 { $max } 个字符）。
argument-none-taken = /{ $command } 不需要参数。
argument-invalid = 参数无效
argument-number-example = 必须是数字，例如 3
argument-number = 必须是数字
argument-whole-number = 必须是整数
argument-at-least-one = 必须大于或等于 1
argument-at-most-ten = 不能大于 10
argument-too-large = 太大了
argument-too-long-short = 太长了
argument-too-long-max = 太长了（最多 { $max } 个字符）
argument-missing = 缺失
argument-issue-reference = 必须是日期（例如 2026-03-03）或期号
argument-letter-or-digit = 至少需要一个字母或数字
argument-one-of = 必须是以下之一：{ $values }
argument-channel = 必须是 @频道 或 #频道

## Shared words
this-chat = 本聊天
this-topic = 本话题
this-channel = 本频道
this-group = 本群组
this-dm = 本私信
this-conversation = 本对话
date-undated = 无日期
sponsored = 赞助
sponsored-mark = 赞助
sources = 来源
sources-continued = 来源（续）
button-story = 第 { $number } 篇
button-top-stories = 头条
button-latest-issue = 最新一期

## /help and /start
help-heading = 命令
help-footnote = 文章在每一期内编号；未指定期号时，命令使用最新一期。
start-heading = 欢迎使用摘要机器人
start-latest = 最新一期是 **{ $title }**（{ $date }），共 { $count } 篇文章。
start-empty = 还没有发布任何一期。
start-publications = 本机器人提供 { $count } 个刊物：\`/publications\` 列出全部，每个命令都可以指定刊物（\`/latest { $example }\`）。

## Issues and stories
overview-issue-number = 第 { $number } 期
overview-story-count = { $count } 篇
overview-sections = 栏目
overview-top-headlines = 头条标题
issues-heading = 往期 — 第 { $current } 页，共 { $pages } 页
publication-choose = 哪个刊物？请选择，或直接写出：\`/{ $command } { $example }\`
publications-heading = 刊物
publications-item-latest = 最新第 { $number } 期，{ $date }
publications-item-empty = 还没有一期
publications-subscribe = 订阅一个：\`/subscribe SLUG\`；订阅全部：\`/subscribe all\`。
publications-all = 全部刊物
menu-takes-publication = [刊物] — { $description }
button-newer = ◀ 较新
button-older = 较旧 ▶
top-heading = 头条 — { $issue }
top-read-it = 阅读：\`/story { $number }\`
search-heading = 匹配“{ $query }”的文章
sources-heading = 第 { $number } 篇的来源：{ $title }
button-back-to-story = 返回第 { $number } 篇
button-previous-story = ◀ 第 { $number } 篇
button-next-story = 第 { $number } 篇 ▶
story-position = 第 { $number } 篇，共 { $total } 篇

## Subscriptions
format-headlines = 标题和头条标题，附带阅读更多的命令
format-top = 头条文章及其重要性
format-full = 完整的一期，需要几条消息就发几条
subscribe-created = ✅ { $where } 已订阅。
subscribe-updated = ✅ { $where } 已经订阅过；设置已更新。
subscribe-unchanged = ✅ { $where } 已经订阅过。
subscribe-arrives = 每一期新内容将以这种形式送达：{ $what }。
subscribe-arrives-from = 每一期新内容将以这种形式送达：{ $what }，来自栏目 { $sections }。
subscribe-hint = 用 \`/settings\` 更改，用 \`/unsubscribe\` 停止。往期：\`/latest\`。
unsubscribe-done = 完成：{ $where } 将不再收到新的一期。\`/subscribe\` 可恢复。
subscriptions-none = 这里没有任何订阅。发送 \`/subscribe\` 以接收新的一期。
subscriptions-heading = 订阅
subscriptions-topic = { $chat } 的话题 { $topic }
subscriptions-item = **{ $where }** — { $format }，自 { $since } 起
subscriptions-item-sections = **{ $where }** — { $format }，栏目：{ $sections }，自 { $since } 起
settings-saved = 已保存：{ $where } 将收到{ $what }，来自栏目 { $sections }。
settings-saved-all = 已保存：{ $where } 将收到{ $what }，来自所有栏目。
settings-language-saved = 已保存：从现在起我在{ $where }中用简体中文回答。

## /status
status-heading = 状态
status-issues = 存档中的期数：{ $count }
status-broadcast = 最近一次推送：{ $issue }，开始于 { $started } UTC
status-counts = 已送达 { $delivered }，失败 { $failed }，已退订 { $unsubscribed }，待发送 { $pending }，共 { $total }
status-no-broadcast = 还没有推送过。
status-feeds = 关注的订阅源：{ $count }（{ $problems }）
status-feeds-fine = 关注的订阅源：{ $count }，全部正常抓取
status-feeds-failing = { $count } 个出错
status-feeds-paused = { $count } 个已暂停
status-feed-paused = 已暂停的订阅源 { $url }：{ $reason }（npm run cli -- feeds resume URL）
status-feed-failing = 出错的订阅源 { $url }：{ $reason }（连续 { $failures } 次）
status-unknown-reason = 原因未知

## /ask
ask-extractive-heading = 存档中关于“{ $question }”的内容：
ask-sources = 来源：
ask-stories-used = 引用的文章：
ask-related-stories = 相关文章：
ask-note-stopped = 已停止：回答在你停止的地方结束。
ask-note-stopped-early = 在回答开始前已停止。
ask-note-stalled = 模型停止了响应，回答到此结束。
ask-note-timeout = 回答耗时太长，到此结束。
ask-note-length = 回答达到了长度上限，到此结束。
ask-note-broke-off = 模型的回答中断了，以下另附最匹配的段落。
ask-note-unavailable = 语言模型暂时不可用，以下是最匹配的段落。

## Adapters
stop-not-yours = 只有提问的人才能停止这个回答。
stop-finished = 这个回答已经完成。
button-expired = 这个按钮已过期。发送 /help 重新开始。
button-outdated = 这个按钮来自旧版本的机器人。请重新运行命令。
discord-no-permission = 我无权在这里发帖。请服务器管理员在此频道授予我 **查看频道**、**发送消息**、**嵌入链接** 和 **阅读消息历史** 权限，或者私信我。
discord-slow-down = Discord 要求我放慢速度。请几秒钟后再试。
discord-option-share = 向这里的所有人显示回答（默认：在我不是成员的地方只有您可见）

## Commands: descriptions, usage, options
command-start = 欢迎，以及本机器人能做什么
usage-start = /start
option-start-payload = 深层链接参数
command-latest = 最新一期概览
usage-latest = /latest
command-top = 最新一期的头条文章
usage-top = /top [n]
option-top-n = 文章数量（1–10）
command-story = 阅读一篇完整文章
usage-story = /story N [期]
option-story-number = 文章编号
option-story-issue = 期的日期或期号（默认：最新一期）
command-sources = 一篇文章引用的来源
usage-sources = /sources N [期]
option-sources-number = 文章编号
option-sources-issue = 期的日期或期号（默认：最新一期）
command-section = 最新一期中某个栏目的文章
usage-section = /section 栏目名
option-section-name = 栏目名称或其中一部分
command-issues = 往期存档，最新的在前
usage-issues = /issues [页码]
option-issues-page = 页码
command-since = 您错过的内容：自上次查看以来、最近 7d 或某日期以来的各期
usage-since = /since [7d|2026-03-01] [页码]
option-since-page = 页码
option-since-from = 回溯多久
command-issue = 按日期或期号概览一期
usage-issue = /issue 日期|N
option-issue-issue = 期的日期或期号
command-search = 搜索存档中的所有文章
usage-search = /search 关键词
option-search-query = 要查找的词
command-ask = 向存档提问
usage-ask = /ask 问题
option-ask-question = 你的问题
command-subscribe = 在本聊天或你管理的频道接收每一期新内容
usage-subscribe = /subscribe [@频道] [headlines|top|full] [栏目]
option-subscribe-channel = 发帖的频道（默认：本聊天）
option-subscribe-format = 发送内容：headlines、top 或 full
option-subscribe-sections = 仅这些栏目，用逗号分隔
command-unsubscribe = 在本聊天或你管理的频道停止接收新内容
usage-unsubscribe = /unsubscribe [@频道]
option-unsubscribe-channel = 要停止的频道（默认：本聊天）
command-subscriptions = 本聊天或服务器接收的内容
usage-subscriptions = /subscriptions
command-settings = 更改订阅发送的内容，或机器人的语言
usage-settings = /settings headlines|top|full [栏目|all] · /settings language en|ru|zh · /settings at HH:MM 地区/城市|off
option-settings-format = 发送内容：headlines、top 或 full；或 language，或 at（每天的发送时间）
option-settings-sections = 仅这些栏目（逗号分隔）或 all；language 后为 en、ru 或 zh；at 后为 08:00 Asia/Shanghai 或 off
option-settings-channel = 已订阅的频道（默认：本聊天）
command-status = 最近一次推送的进度（仅限机器人管理员）
usage-status = /status
command-help = 列出所有命令
usage-help = /help

## /since
since-heading = { $period }共 { $count } 期
since-heading-new = { $period }新出 { $count } 期
since-period-remembered = 自您上次查看以来
since-period-days = 最近 { $days } 天
since-period-date = 自 { $date } 以来
since-period-after = 第 { $number } 期之后
since-page = { $title } — 第 { $current } 页，共 { $pages } 页
since-more = 这是最新的 { $shown } 期；\`/issues\` 列出其余各期。
since-first-visit = 我还没有给您看过任何一期，这是最新一期。从现在起，\`/since\` 会列出您看过的最后一期之后发布的内容；\`/since 7d\` 或 \`/since 2026-03-01\` 会列出一段时间内的内容。
since-latest-title = 最新一期
since-up-to-date = 您已看完所有内容。最新一期是 **{ $title }**（{ $date }）。
since-up-to-date-period = 您已看完所有内容：{ $period }没有新的一期。最新一期是 **{ $title }**（{ $date }）。
heading-continued = { $title }（续）
argument-since-days-range = 必须在 1d 到 { $max }d（十年）之间
argument-since-not-a-date = { $date } 不是日历上的日期
argument-since-future = { $date } 还没到；从那以后还没有发布任何内容
argument-since-shape = 必须是天数（如 7d）或日期（如 2026-03-01）

## Why the bot cannot post
cannot-post-not-member = 我不是那里的成员；请先添加我
cannot-post-not-channel-admin = 我需要成为该频道的管理员
cannot-post-no-post-right = 我在那里没有“发布消息”权限
cannot-post-muted = 我在那里不允许发送消息
cannot-post-not-text-channel = 它不是文字频道、公告频道、论坛频道或子区
cannot-post-missing-permissions = { $count ->
   *[other] 我在那里缺少 { $permissions } 权限
  }
cannot-post-dm-only = 我只能在服务器频道和与我的私信中发布
permission-view-channel = “查看频道”
permission-send-messages = “发送消息”
permission-send-messages-in-threads = “在子区中发送消息”
permission-embed-links = “嵌入链接”
permission-manage-threads = “管理子区”

## The adapters' own words around an answer
answer-stopped = ⏹ 已停止：以下是停止前写下的内容。
answer-thinking = 思考中…
answer-empty = 没有可显示的内容。
button-stop = 停止
button-open-in-bot = 在机器人中打开

## Posts to subscribers
delivery-no-stories = 这一期您关注的栏目没有文章。
button-overview = 概览

## /status 实时进度（正在发送的推送）
status-progress = { $bar } { $percent }% · { $settled }/{ $total }
status-live-ended = 实时更新已停止；再次发送 /status 可继续查看推送进度。

## Delivery at the reader's hour (/settings at, commands/delivery-time.ts, src/delivery/merged-issues.ts)
failure-bad-delivery-time = “{ $time }”不是一个时间。请给出 24 小时制时间和时区，例如 \`/settings at 08:00 Asia/Shanghai\`，或 \`/settings at off\`。
failure-delivery-time-missing = 请给出时间和时区，例如 \`/settings at 08:00 Asia/Shanghai\`；或用 \`/settings at off\` 在发布后立即接收。
failure-time-zone-missing = 请在时间后加上时区，例如 \`/settings at 08:00 Asia/Shanghai\` 或 \`/settings at 08:00 UTC\`。
failure-unknown-time-zone = 我不认识时区“{ $zone }”。请使用 \`Asia/Shanghai\`、\`Europe/Berlin\` 或 \`UTC\` 这样的名称。
failure-unknown-time-zone-suggestions = 我不认识时区“{ $zone }”。您是不是指：{ $suggestions }？
settings-at-saved = 已保存：{ $where } 将在每天 { $time }（{ $zone }）收到新一期。其间到达的多期会合并为一条消息。
settings-at-off = 已保存：{ $where } 将在每期发布后立即收到。
settings-tags-on = 已保存：{ $where } 中的每篇新帖子会为其每个栏目加上标签，论坛缺少的标签由我创建。
settings-tags-off = 已保存：{ $where } 中的每篇新帖子只使用论坛已有且与其栏目匹配的标签；我不会创建新标签。
settings-which-subscription = { $where } 订阅了多个刊物。要修改哪个订阅？请选择，或写出刊物：\`/settings { $example }\`
subscriptions-item-at = ，{ $time }（{ $zone }）发送
delivery-merged-heading = { $count } 期新内容

## Telegram guest mode: a reader @mentions the bot in a chat it is not in (adapters/telegram/guest-query.ts)
guest-hint = 提到我并附上问题或命令，例如 \`{ $bot } Qwen 发布了什么？\`、\`{ $bot } story 3\` 或 \`{ $bot } top\`。
guest-unavailable = /{ $command } 需要在与我的私聊中使用：打开 { $bot } 并在那里发送。

## 原地更正 (src/delivery/deliver-correction.ts, commands/correction-status.ts)
correction-notice = 更正《{ $title }》：
correction-changed = 修改了 { $stories }
correction-added = 新增了 { $stories }
correction-removed = 删除了 { $stories }
correction-frame = 导语已更新
correction-updated = 本期已更新
correction-more = 另外 { $count } 条
correction-read-again = 用 /issue { $issue } 阅读最新版本
status-correction = 更正：原地编辑 { $edited }，更正帖 { $posted }，无变化 { $unchanged }，失败 { $failed }，待处理 { $pending }，共 { $total }

## /status: posts waiting for their subscriber's hour
status-waiting = { $count ->
   *[other] { $count } 条在等待订阅者选定的时间（最近一次在 { $next } UTC）
  }

## /status: announcement posts whose crosspost waits for the channel's hourly limit
status-follow-ups-waiting = { $count ->
   *[other] { $count } 条公告帖子在等待跨服发布的时段
  }

## Discord: what a message cut at its limits says
discord-answer-cut = … 回答被截断：它超过了 Discord 单条回复允许的长度。
discord-post-cut = … 这一期超过了这里单次发布的长度；其余内容请用 /issue { $issue } 阅读。

## Publications (commands/publications.ts)
command-publications = 本机器人提供的刊物及订阅方式
usage-publications = /publications
option-latest-publication = 哪个刊物（默认：本聊天的）
option-top-publication = 哪个刊物（默认：本聊天的）
option-issues-publication = 哪个刊物（默认：本聊天的）
option-issue-publication = 哪个刊物（默认：本聊天的）
option-since-publication = 哪个刊物（默认：本聊天的）
option-search-publication = 哪个刊物（默认：本聊天的）
option-subscribe-publication = 哪个刊物（默认：本聊天的）
option-unsubscribe-publication = 哪个刊物（默认：本聊天的）
option-settings-publication = 哪个刊物（默认：本聊天的）
option-ask-publication = 哪个刊物（默认：全部）
option-story-publication = 哪个刊物（默认：本聊天的）
option-sources-publication = 哪个刊物（默认：本聊天的）
option-section-publication = 哪个刊物（默认：本聊天的）
`;
