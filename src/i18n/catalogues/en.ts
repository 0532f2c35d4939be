/**
 * English: the default and the reference catalogue. Every other catalogue has each key this one
 * has (tests/i18n checks). Marks inside a message: `code` and **bold**; they never come from a
 * variable, so a reader's text cannot forge them. Command and option descriptions are not here:
 * the English ones live with each command (commands/*.ts), the others under
 * `command-NAME`, `usage-NAME` and `option-NAME-OPTION` in each catalogue.
 */
export default `
## Failures (src/command/failures.ts)
failure-unknown-command = I don't know the command /{ $command }. Send \`/help\` to see what I can do.
failure-unknown-command-suggestion = I don't know the command /{ $command }. Did you mean \`/{ $suggestion }\`? Send \`/help\` to see what I can do.
failure-not-a-command = I answer commands. Try \`/top\` for the top stories, \`/search words\` to search, or \`/help\`.
failure-bad-argument = { $problem } Usage: \`{ $usage }\`
failure-story-not-found = There is no story { $number } in “{ $issueTitle }”. Stories are numbered { $first }–{ $last }; try \`/story { $first }\`.
failure-issue-not-found = I have no issue “{ $reference }”. Send \`/issues\` to list them.
failure-issue-not-found-latest = I have no issue “{ $reference }”. Send \`/issues\` to list them; the latest is { $latest }.
failure-section-not-found = There is no section “{ $name }”.
failure-section-not-found-list = There is no section “{ $name }”. Sections: { $sections }.
failure-no-issues = The archive is empty: no issue has been published yet.
failure-publication-not-found = I have no publication “{ $name }”. There are: { $publications }. Send \`/publications\` to see them.
failure-no-results = No story matches “{ $query }”. Try fewer or different words.
failure-no-sources = Story { $number } cites no sources.
failure-internal-error = Sorry, something went wrong on my side. Please try again in a moment.
failure-subscriptions-unavailable = Subscriptions are available on Telegram and Discord, not here.
failure-not-saved = I could not save that right now, try again in a minute.
failure-store-unavailable = I cannot reach my storage right now, try again in a minute.
failure-not-admin = Only administrators of { $where } can change its subscription.
failure-cannot-post = I can't post in { $where }: { $missing }. Fix that and send the command again.
failure-server-install-needed = I'm here as an app on your account, not as a member of this server, so I can't post here. Subscribing needs the server install: a server admin adds me to the server with its invite link, then sends \`/subscribe\` in a channel I can post in.
failure-target-not-found = I can't find { $reference }, or I'm not a member there. Add me to it first.
failure-not-subscribed = { $where } is not subscribed. Send \`/subscribe\` to get new issues.
failure-bot-admins-only = Only the administrators of this bot can see its status.
failure-rate-limited = You're sending commands faster than I can read them. Please wait { $seconds } s.
failure-ask-no-match = Nothing in the archive answers “{ $question }”. Try other words, or \`/search\` for stories.
failure-too-many-questions = You can ask { $perMinute } questions a minute. Please wait { $seconds } s and ask again.
failure-still-answering = I’m still answering your last question. Wait for it to finish (or stop it), then ask again.
failure-ask-unavailable = Asking the archive is not available here. Try \`/search\` instead.
failure-unsupported-language = I don't speak “{ $language }” yet. Languages: { $languages }.

## Arguments (src/command/dispatcher.ts and the commands' schemas)
argument-too-long = That is too long (over { $max } characters).
argument-none-taken = /{ $command } takes no arguments.
argument-invalid = Invalid arguments
argument-number-example = must be a number such as 3
argument-number = must be a number
argument-whole-number = must be a whole number
argument-at-least-one = must be 1 or more
argument-at-most-ten = must be 10 or fewer
argument-too-large = is too large
argument-too-long-short = is too long
argument-too-long-max = is too long ({ $max } characters at most)
argument-missing = is missing
argument-issue-reference = must be a date such as 2026-03-03 or an issue number
argument-letter-or-digit = needs at least one letter or digit
argument-one-of = must be one of { $values }
argument-channel = must be a @channel or #channel

## Words several commands share
this-chat = this chat
this-topic = this topic
this-channel = this channel
this-group = this group
this-dm = this DM
this-conversation = this conversation
date-undated = undated
sponsored = Sponsored
sponsored-mark = sponsored
sources = Sources
sources-continued = Sources (continued)
button-story = Story { $number }
button-top-stories = Top stories
button-latest-issue = Latest issue

## /help and /start
help-heading = Commands
help-footnote = Stories are numbered within each issue; without an issue, commands use the latest one.
start-heading = Welcome to the digest bot
start-latest = The latest issue is **{ $title }** ({ $date }), with { $count ->
    [one] { $count } story
   *[other] { $count } stories
  }.
start-empty = No issue has been published yet.
start-publications = It serves { $count } publications: \`/publications\` lists them, and every command takes one by name (\`/latest { $example }\`).

## Issues and stories (src/present, /issues, /top, /search, /sources)
overview-issue-number = issue #{ $number }
overview-story-count = { $count ->
    [one] { $count } story
   *[other] { $count } stories
  }
overview-sections = Sections
overview-top-headlines = Top headlines
issues-heading = Issues — page { $current } of { $pages }
publication-choose = Which publication? Choose one, or name it: \`/{ $command } { $example }\`
publications-heading = Publications
publications-item-latest = latest #{ $number }, { $date }
publications-item-empty = no issue yet
publications-subscribe = Subscribe to one with \`/subscribe SLUG\`, or to all of them with \`/subscribe all\`.
publications-all = all publications
menu-takes-publication = [publication] — { $description }
button-newer = ◀ Newer
button-older = Older ▶
top-heading = Top stories — { $issue }
top-read-it = Read it: \`/story { $number }\`
search-heading = Stories matching “{ $query }”
sources-heading = Sources for story { $number }: { $title }
button-back-to-story = Back to story { $number }
button-previous-story = ◀ Story { $number }
button-next-story = Story { $number } ▶
story-position = story { $number } of { $total }

## Subscriptions
format-headlines = the title and top headlines, with commands to read more
format-top = the top stories with why they matter
format-full = the whole issue, in as many messages as it takes
subscribe-created = ✅ { $where } is now subscribed.
subscribe-updated = ✅ { $where } was already subscribed; its settings are updated.
subscribe-unchanged = ✅ { $where } was already subscribed.
subscribe-arrives = Each new issue arrives as { $what }.
subscribe-arrives-from = Each new issue arrives as { $what } from { $sections }.
subscribe-hint = Change it with \`/settings\`, stop with \`/unsubscribe\`. Past issues: \`/latest\`.
unsubscribe-done = Done: { $where } will get no more issues. \`/subscribe\` brings them back.
subscriptions-none = Nothing here is subscribed. Send \`/subscribe\` to get new issues.
subscriptions-heading = Subscriptions
subscriptions-topic = topic { $topic } of { $chat }
subscriptions-item = **{ $where }** — { $format }, since { $since }
subscriptions-item-sections = **{ $where }** — { $format }, sections: { $sections }, since { $since }
settings-saved = Saved: { $where } gets { $what } from { $sections }.
settings-saved-all = Saved: { $where } gets { $what } from every section.
settings-language-saved = Saved: I now answer { $where } in English.

## /status
status-heading = Status
status-issues = Issues in the archive: { $count }
status-broadcast = Latest broadcast: { $issue }, started { $started } UTC
status-counts = { $delivered } delivered, { $failed } failed, { $unsubscribed } unsubscribed, { $pending } pending of { $total }
status-no-broadcast = No broadcast yet.
status-feeds = Feeds followed: { $count } ({ $problems })
status-feeds-fine = Feeds followed: { $count }, all fetching
status-feeds-failing = { $count } failing
status-feeds-paused = { $count } paused
status-feed-paused = Paused feed { $url }: { $reason } (npm run cli -- feeds resume URL)
status-feed-failing = Failing feed { $url }: { $reason } ({ $failures } in a row)
status-unknown-reason = unknown reason

## /ask (src/ask)
ask-extractive-heading = What the archive says about “{ $question }”:
ask-sources = Sources:
ask-stories-used = Stories used:
ask-related-stories = Related stories:
ask-note-stopped = Stopped: the answer ends where you stopped it.
ask-note-stopped-early = Stopped before the answer began.
ask-note-stalled = The model stopped responding, so the answer ends here.
ask-note-timeout = The answer took too long, so it ends here.
ask-note-length = The answer reached its length limit, so it ends here.
ask-note-broke-off = The model’s answer broke off, so here are the best-matching passages as well.
ask-note-unavailable = The language model is not available right now, so here are the best-matching passages instead.

## Adapters: buttons, notices, error boundaries
stop-not-yours = Only the person who asked can stop this answer.
stop-finished = This answer is already complete.
button-expired = This button has expired. Send /help to start again.
button-outdated = This button belongs to an older version of the bot. Run the command again.
discord-no-permission = I am not allowed to post here. Ask a server admin to give me **View Channel**, **Send Messages**, **Embed Links** and **Read Message History** in this channel, or use me in a DM.
discord-slow-down = Discord is asking me to slow down. Please try again in a few seconds.
discord-option-share = show the answer to everyone here (default: only you, where I am not a member)

## /since (commands/since.ts, src/present/catch-up-pages.ts)
since-heading = { $count ->
    [one] { $count } issue
   *[other] { $count } issues
  } { $period }
since-heading-new = { $count ->
    [one] { $count } new issue
   *[other] { $count } new issues
  } { $period }
since-period-remembered = since you last looked
since-period-days = { $days ->
    [one] in the last day
   *[other] in the last { $days } days
  }
since-period-date = since { $date }
since-period-after = after issue #{ $number }
since-page = { $title } — page { $current } of { $pages }
since-more = These are the newest { $shown }; \`/issues\` lists the rest.
since-first-visit = I haven’t shown you an issue yet, so here is the latest. From now on \`/since\` lists what came out after the last issue you saw; \`/since 7d\` or \`/since 2026-03-01\` lists a period.
since-latest-title = The latest issue
since-up-to-date = You’re up to date. The latest issue is **{ $title }** ({ $date }).
since-up-to-date-period = You’re up to date. No issue came out { $period }. The latest issue is **{ $title }** ({ $date }).
heading-continued = { $title } (continued)
argument-since-days-range = must be between 1d and { $max }d (ten years)
argument-since-not-a-date = { $date } is not a date on the calendar
argument-since-future = { $date } is in the future; nothing has been published since then yet
argument-since-shape = must be a number of days such as 7d, or a date such as 2026-03-01

## Why the bot cannot post (src/command/chat-access.ts; the adapters find the reason)
cannot-post-not-member = I am not a member there; add me first
cannot-post-not-channel-admin = I need to be an administrator of the channel
cannot-post-no-post-right = I lack the “Post messages” right there
cannot-post-muted = I am not allowed to send messages there
cannot-post-not-text-channel = it is not a text, announcement or forum channel, or a thread
cannot-post-missing-permissions = { $count ->
    [one] I lack the { $permissions } permission there
   *[other] I lack the { $permissions } permissions there
  }
cannot-post-dm-only = I can only post in server channels and in a DM with me
permission-view-channel = View Channel
permission-send-messages = Send Messages
permission-send-messages-in-threads = Send Messages in Threads
permission-embed-links = Embed Links
permission-manage-threads = Manage Threads

## The adapters' own words around an answer
answer-stopped = ⏹ Stopped: this is what was written before you stopped it.
answer-thinking = Thinking…
answer-empty = Nothing to show.
button-stop = Stop
button-open-in-bot = Open in the bot

## Posts to subscribers (src/present/issue-content.ts)
delivery-no-stories = No stories in your sections this time.
button-overview = Overview

## /status live progress (a broadcast being sent)
status-progress = { $bar } { $percent }% · { $settled }/{ $total }
status-live-ended = Live updates have stopped; send /status again to keep following the broadcast.

## Delivery at the reader's hour (/settings at, commands/delivery-time.ts, src/delivery/merged-issues.ts)
failure-bad-delivery-time = “{ $time }” is not a time of day. Send a 24-hour time and a time zone, such as \`/settings at 08:00 Europe/Berlin\`, or \`/settings at off\`.
failure-delivery-time-missing = Give a time of day and a time zone, such as \`/settings at 08:00 Europe/Berlin\`, or \`/settings at off\` to get each issue at once.
failure-time-zone-missing = Add a time zone after the time, such as \`/settings at 08:00 Europe/Berlin\` or \`/settings at 08:00 UTC\`.
failure-unknown-time-zone = I don't know the time zone “{ $zone }”. Use a name such as \`Europe/Berlin\`, \`America/New_York\` or \`UTC\`.
failure-unknown-time-zone-suggestions = I don't know the time zone “{ $zone }”. Did you mean: { $suggestions }?
settings-at-saved = Saved: { $where } gets each new issue at { $time } ({ $zone }). Issues that arrive in between come together in one post.
settings-at-off = Saved: { $where } gets each new issue as soon as it is published.
settings-tags-on = Saved: each new post in { $where } gets a tag for each of its sections, and I create the tags the forum lacks.
settings-tags-off = Saved: each new post in { $where } gets the forum's existing tags that match its sections; I create none.
settings-which-subscription = { $where } follows several publications. Which subscription do you mean? Choose one, or name its publication: \`/settings { $example }\`
subscriptions-item-at = , at { $time } ({ $zone })
delivery-merged-heading = { $count } new issues

## Telegram guest mode: a reader @mentions the bot in a chat it is not in (adapters/telegram/guest-query.ts)
guest-hint = Mention me with a question or a command, such as \`{ $bot } what did Qwen release?\`, \`{ $bot } story 3\` or \`{ $bot } top\`.
guest-unavailable = /{ $command } works in a chat with me: open { $bot } and send it there.

## Corrections in place (src/delivery/deliver-correction.ts, commands/correction-status.ts)
correction-notice = Correction to { $title }:
correction-changed = changed { $stories }
correction-added = added { $stories }
correction-removed = removed { $stories }
correction-frame = the introduction was updated
correction-updated = the issue was updated
correction-more = { $count } more
correction-read-again = Read it as it is now with /issue { $issue }
status-correction = Correction: { $edited } edited in place, { $posted } correction posts, { $unchanged } unchanged, { $failed } failed, { $pending } pending of { $total }

## /status: posts waiting for their subscriber's hour
status-waiting = { $count ->
    [one] { $count } waits for its subscriber's hour (the next at { $next } UTC)
   *[other] { $count } wait for their subscribers' hour (the next at { $next } UTC)
  }

## /status: announcement posts whose crosspost waits for the channel's hourly limit
status-follow-ups-waiting = { $count ->
    [one] { $count } announcement post waits for its crosspost window
   *[other] { $count } announcement posts wait for their crosspost window
  }

## Discord: what a message cut at its limits says
discord-answer-cut = … the answer was cut short: it is longer than Discord allows in one reply.
discord-post-cut = … this issue is longer than one post may be here; read the rest with /issue { $issue }.
`;
