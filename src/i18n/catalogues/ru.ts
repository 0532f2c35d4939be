/** Russian. Same keys as en.ts, plus the command descriptions that English keeps with each command. */
export default `
## Failures
failure-unknown-command = Я не знаю команды /{ $command }. Отправьте \`/help\`, чтобы увидеть, что я умею.
failure-unknown-command-suggestion = Я не знаю команды /{ $command }. Может быть, вы имели в виду \`/{ $suggestion }\`? Отправьте \`/help\`, чтобы увидеть, что я умею.
failure-not-a-command = Я отвечаю на команды. Попробуйте \`/top\` — главные материалы, \`/search слова\` — поиск или \`/help\`.
failure-bad-argument = { $problem } Использование: \`{ $usage }\`
failure-story-not-found = В выпуске «{ $issueTitle }» нет материала { $number }. Материалы пронумерованы от { $first } до { $last }; попробуйте \`/story { $first }\`.
failure-issue-not-found = У меня нет выпуска «{ $reference }». Отправьте \`/issues\`, чтобы увидеть их список.
failure-issue-not-found-latest = У меня нет выпуска «{ $reference }». Отправьте \`/issues\`, чтобы увидеть их список; последний — { $latest }.
failure-section-not-found = Раздела «{ $name }» нет.
failure-section-not-found-list = Раздела «{ $name }» нет. Разделы: { $sections }.
failure-no-issues = Архив пуст: ещё не вышло ни одного выпуска.
failure-publication-not-found = У меня нет издания «{ $name }». Есть: { $publications }. Отправьте \`/publications\`, чтобы увидеть их.
failure-no-results = По запросу «{ $query }» ничего не найдено. Попробуйте меньше слов или другие слова.
failure-no-sources = У материала { $number } нет источников.
failure-internal-error = Извините, у меня что-то пошло не так. Пожалуйста, попробуйте ещё раз чуть позже.
failure-subscriptions-unavailable = Подписки доступны в Telegram и Discord, но не здесь.
failure-not-saved = Сейчас не получилось это сохранить, попробуйте ещё раз через минуту.
failure-store-unavailable = Сейчас нет доступа к хранилищу, попробуйте ещё раз через минуту.
failure-not-admin = Менять подписку ({ $where }) могут только администраторы.
failure-cannot-post = Я не могу публиковать здесь ({ $where }): { $missing }. Исправьте это и отправьте команду ещё раз.
failure-server-install-needed = Здесь я работаю как приложение в вашем аккаунте, а не как участник этого сервера, поэтому публиковать здесь не могу. Для подписки нужна установка на сервер: администратор сервера добавляет меня по ссылке-приглашению и отправляет \`/subscribe\` в канале, где я могу публиковать.
failure-target-not-found = Я не нахожу { $reference } или не состою там. Сначала добавьте меня туда.
failure-not-subscribed = { $where }: подписки нет. Отправьте \`/subscribe\`, чтобы получать новые выпуски.
failure-bot-admins-only = Состояние бота видят только его администраторы.
failure-rate-limited = Вы отправляете команды быстрее, чем я успеваю их читать. Пожалуйста, подождите { $seconds } с.
failure-ask-no-match = В архиве нет ответа на «{ $question }». Попробуйте другие слова или \`/search\` для поиска материалов.
failure-too-many-questions = Можно задавать { $perMinute ->
    [one] { $perMinute } вопрос
    [few] { $perMinute } вопроса
   *[many] { $perMinute } вопросов
  } в минуту. Пожалуйста, подождите { $seconds } с и спросите снова.
failure-still-answering = Я ещё отвечаю на ваш прошлый вопрос. Дождитесь конца ответа (или остановите его) и спросите снова.
failure-ask-unavailable = Вопросы к архиву здесь недоступны. Попробуйте \`/search\`.
failure-unsupported-language = Я пока не говорю на «{ $language }». Языки: { $languages }.

## Arguments
argument-too-long = Слишком длинно (больше { $max } символов).
argument-none-taken = У /{ $command } нет аргументов.
argument-invalid = Неверные аргументы
argument-number-example = должно быть числом, например 3
argument-number = должно быть числом
argument-whole-number = должно быть целым числом
argument-at-least-one = должно быть не меньше 1
argument-at-most-ten = должно быть не больше 10
argument-too-large = слишком большое
argument-too-long-short = слишком длинное
argument-too-long-max = слишком длинное (не больше { $max } символов)
argument-missing = не указано
argument-issue-reference = должно быть датой, например 2026-03-03, или номером выпуска
argument-letter-or-digit = нужна хотя бы одна буква или цифра
argument-one-of = должно быть одним из: { $values }
argument-channel = должно быть @каналом или #каналом

## Shared words
this-chat = этот чат
this-topic = эта тема
this-channel = этот канал
this-group = эта группа
this-dm = эти личные сообщения
this-conversation = этот разговор
date-undated = без даты
sponsored = Реклама
sponsored-mark = реклама
sources = Источники
sources-continued = Источники (продолжение)
button-story = Материал { $number }
button-top-stories = Главное
button-latest-issue = Последний выпуск

## /help and /start
help-heading = Команды
help-footnote = Материалы пронумерованы внутри каждого выпуска; если выпуск не указан, команды берут последний.
start-heading = Добро пожаловать в бот дайджеста
start-latest = Последний выпуск — **{ $title }** ({ $date }), в нём { $count ->
    [one] { $count } материал
    [few] { $count } материала
   *[many] { $count } материалов
  }.
start-empty = Ещё не вышло ни одного выпуска.
start-publications = Изданий в боте: { $count }. Список — \`/publications\`; любая команда принимает имя издания (\`/latest { $example }\`).

## Issues and stories
overview-issue-number = выпуск №{ $number }
overview-story-count = { $count ->
    [one] { $count } материал
    [few] { $count } материала
   *[many] { $count } материалов
  }
overview-sections = Разделы
overview-top-headlines = Главные заголовки
issues-heading = Выпуски — страница { $current } из { $pages }
publication-choose = Какое издание? Выберите или назовите его: \`/{ $command } { $example }\`
publications-heading = Издания
publications-item-latest = последний №{ $number }, { $date }
publications-item-empty = выпусков пока нет
publications-subscribe = Подписаться на одно: \`/subscribe SLUG\`, на все: \`/subscribe all\`.
publications-all = все издания
menu-takes-publication = [издание] — { $description }
button-newer = ◀ Новее
button-older = Старее ▶
top-heading = Главное — { $issue }
top-read-it = Читать: \`/story { $number }\`
search-heading = Материалы по запросу «{ $query }»
sources-heading = Источники материала { $number }: { $title }
button-back-to-story = Назад к материалу { $number }
button-previous-story = ◀ Материал { $number }
button-next-story = Материал { $number } ▶
story-position = материал { $number } из { $total }

## Subscriptions
format-headlines = заголовок выпуска и главные заголовки с командами, чтобы читать дальше
format-top = главные материалы с объяснением, почему они важны
format-full = весь выпуск, в стольких сообщениях, сколько нужно
subscribe-created = ✅ { $where }: подписка оформлена.
subscribe-updated = ✅ { $where }: подписка уже была; настройки обновлены.
subscribe-unchanged = ✅ { $where }: подписка уже была.
subscribe-arrives = Каждый новый выпуск приходит так: { $what }.
subscribe-arrives-from = Каждый новый выпуск приходит так: { $what }, из разделов { $sections }.
subscribe-hint = Изменить — \`/settings\`, отписаться — \`/unsubscribe\`. Прошлые выпуски: \`/latest\`.
unsubscribe-done = Готово: { $where } больше не будет получать выпуски. \`/subscribe\` вернёт их.
subscriptions-none = Здесь нет подписок. Отправьте \`/subscribe\`, чтобы получать новые выпуски.
subscriptions-heading = Подписки
subscriptions-topic = тема { $topic } в { $chat }
subscriptions-item = **{ $where }** — { $format }, с { $since }
subscriptions-item-sections = **{ $where }** — { $format }, разделы: { $sections }, с { $since }
settings-saved = Сохранено: { $where } получает { $what }, из разделов { $sections }.
settings-saved-all = Сохранено: { $where } получает { $what }, из всех разделов.
settings-language-saved = Сохранено: теперь я отвечаю по-русски ({ $where }).

## /status
status-heading = Состояние
status-issues = Выпусков в архиве: { $count }
status-broadcast = Последняя рассылка: { $issue }, начата { $started } UTC
status-counts = доставлено { $delivered }, ошибок { $failed }, отписались { $unsubscribed }, ожидают { $pending } из { $total }
status-no-broadcast = Рассылок ещё не было.
status-feeds = Отслеживаемых лент: { $count } ({ $problems })
status-feeds-fine = Отслеживаемых лент: { $count }, все загружаются
status-feeds-failing = с ошибками: { $count }
status-feeds-paused = приостановлено: { $count }
status-feed-paused = Лента { $url } приостановлена: { $reason } (npm run cli -- feeds resume URL)
status-feed-failing = Лента { $url } с ошибкой: { $reason } ({ $failures } подряд)
status-unknown-reason = причина неизвестна

## /ask
ask-extractive-heading = Что говорит архив о «{ $question }»:
ask-sources = Источники:
ask-stories-used = Использованные материалы:
ask-related-stories = Похожие материалы:
ask-note-stopped = Остановлено: ответ заканчивается там, где вы его остановили.
ask-note-stopped-early = Остановлено до начала ответа.
ask-note-stalled = Модель перестала отвечать, поэтому ответ на этом заканчивается.
ask-note-timeout = Ответ занял слишком много времени, поэтому он на этом заканчивается.
ask-note-length = Ответ достиг предельной длины, поэтому он на этом заканчивается.
ask-note-broke-off = Ответ модели оборвался, поэтому вот ещё и самые подходящие отрывки.
ask-note-unavailable = Языковая модель сейчас недоступна, поэтому вот самые подходящие отрывки.

## Adapters
stop-not-yours = Остановить этот ответ может только тот, кто задал вопрос.
stop-finished = Этот ответ уже завершён.
button-expired = Эта кнопка устарела. Отправьте /help, чтобы начать заново.
button-outdated = Эта кнопка от старой версии бота. Выполните команду ещё раз.
discord-no-permission = Мне не разрешено писать здесь. Попросите администратора сервера выдать мне в этом канале права **Просмотр канала**, **Отправка сообщений**, **Встраивание ссылок** и **Просмотр истории сообщений** или пишите мне в личные сообщения.
discord-slow-down = Discord просит меня притормозить. Пожалуйста, попробуйте ещё раз через несколько секунд.
discord-option-share = показать ответ всем здесь (по умолчанию — только вам, если меня нет на сервере)

## Commands: descriptions, usage, options
command-start = Приветствие и что умеет этот бот
usage-start = /start
option-start-payload = параметр ссылки
command-latest = Последний выпуск вкратце
usage-latest = /latest
command-top = Главные материалы последнего выпуска
usage-top = /top [n]
option-top-n = сколько материалов (1–10)
command-story = Прочитать материал целиком
usage-story = /story N [выпуск]
option-story-number = номер материала
option-story-issue = дата или номер выпуска (по умолчанию последний)
command-sources = Источники, на которые ссылается материал
usage-sources = /sources N [выпуск]
option-sources-number = номер материала
option-sources-issue = дата или номер выпуска (по умолчанию последний)
command-section = Материалы одного раздела последнего выпуска
usage-section = /section НАЗВАНИЕ
option-section-name = название раздела или его часть
command-issues = Архив выпусков, сначала новые
usage-issues = /issues [страница]
option-issues-page = номер страницы
command-since = Что вы пропустили: выпуски с вашего последнего визита, за 7d или с даты
usage-since = /since [7d|2026-03-01] [страница]
option-since-from = насколько давно
option-since-page = номер страницы
command-issue = Один выпуск вкратце, по дате или номеру
usage-issue = /issue ДАТА|N
option-issue-issue = дата или номер выпуска
command-search = Поиск по всем материалам архива
usage-search = /search ЗАПРОС
option-search-query = слова для поиска
command-ask = Задать вопрос архиву
usage-ask = /ask ВОПРОС
option-ask-question = ваш вопрос
command-subscribe = Получать каждый новый выпуск в этом чате или в канале, где вы администратор
usage-subscribe = /subscribe [@канал] [headlines|top|full] [разделы]
option-subscribe-channel = канал для публикаций (по умолчанию этот чат)
option-subscribe-format = что присылать: headlines, top или full
option-subscribe-sections = только эти разделы, через запятую
command-unsubscribe = Больше не получать выпуски в этом чате или канале, где вы администратор
usage-unsubscribe = /unsubscribe [@канал]
option-unsubscribe-channel = канал, где остановить рассылку (по умолчанию этот чат)
command-subscriptions = Что получает этот чат или сервер
usage-subscriptions = /subscriptions
command-settings = Изменить, что присылает подписка, или язык бота
usage-settings = /settings headlines|top|full [разделы|all] · /settings language en|ru|zh · /settings at ЧЧ:ММ Регион/Город|off
option-settings-format = что присылать: headlines, top или full; или language, или at (время суток)
option-settings-sections = разделы через запятую или all; после language — en, ru, zh; после at — 08:00 Europe/Moscow или off
option-settings-channel = канал с подпиской (по умолчанию этот чат)
command-status = Ход последней рассылки (только для администраторов бота)
usage-status = /status
command-help = Список команд
usage-help = /help

## /since
since-heading = { $count ->
    [one] { $count } выпуск
    [few] { $count } выпуска
   *[many] { $count } выпусков
  } { $period }
since-heading-new = { $count ->
    [one] { $count } новый выпуск
    [few] { $count } новых выпуска
   *[many] { $count } новых выпусков
  } { $period }
since-period-remembered = с вашего последнего визита
since-period-days = { $days ->
    [1] за последний день
    [one] за последний { $days } день
    [few] за последние { $days } дня
   *[many] за последние { $days } дней
  }
since-period-date = с { $date }
since-period-after = после выпуска №{ $number }
since-page = { $title } — страница { $current } из { $pages }
since-more = Это { $shown } самых новых; \`/issues\` покажет остальные.
since-first-visit = Я ещё не показывал вам ни одного выпуска, поэтому вот последний. Теперь \`/since\` покажет, что вышло после последнего выпуска, который вы видели; \`/since 7d\` или \`/since 2026-03-01\` — за период.
since-latest-title = Последний выпуск
since-up-to-date = Вы ничего не пропустили. Последний выпуск — **{ $title }** ({ $date }).
since-up-to-date-period = Вы ничего не пропустили: ни одного выпуска { $period }. Последний выпуск — **{ $title }** ({ $date }).
heading-continued = { $title } (продолжение)
argument-since-days-range = должно быть от 1d до { $max }d (десять лет)
argument-since-not-a-date = { $date } — такой даты нет в календаре
argument-since-future = { $date } ещё не наступило; с тех пор ничего не выходило
argument-since-shape = должно быть числом дней, например 7d, или датой, например 2026-03-01

## Why the bot cannot post
cannot-post-not-member = я не состою там; сначала добавьте меня
cannot-post-not-channel-admin = мне нужно быть администратором канала
cannot-post-no-post-right = у меня нет права «Публикация сообщений»
cannot-post-muted = мне запрещено отправлять там сообщения
cannot-post-not-text-channel = это не текстовый канал, не канал объявлений, не форум и не ветка
cannot-post-missing-permissions = { $count ->
    [one] у меня нет там разрешения { $permissions }
   *[other] у меня нет там разрешений { $permissions }
  }
cannot-post-dm-only = я могу публиковать только в каналах сервера и в личных сообщениях со мной
permission-view-channel = «Просматривать канал»
permission-send-messages = «Отправлять сообщения»
permission-send-messages-in-threads = «Отправлять сообщения в ветках»
permission-embed-links = «Встраивать ссылки»
permission-manage-threads = «Управлять ветками»

## The adapters' own words around an answer
answer-stopped = ⏹ Остановлено: вот что было написано до остановки.
answer-thinking = Думаю…
answer-empty = Показать нечего.
button-stop = Стоп
button-open-in-bot = Открыть в боте

## Posts to subscribers
delivery-no-stories = В ваших разделах на этот раз материалов нет.
button-overview = Обзор

## /status: ход рассылки в реальном времени
status-progress = { $bar } { $percent }% · { $settled }/{ $total }
status-live-ended = Обновление остановлено; отправьте /status ещё раз, чтобы следить за рассылкой дальше.

## Delivery at the reader's hour (/settings at, commands/delivery-time.ts, src/delivery/merged-issues.ts)
failure-bad-delivery-time = «{ $time }» — это не время суток. Укажите время в 24-часовом формате и часовой пояс, например \`/settings at 08:00 Europe/Moscow\`, или \`/settings at off\`.
failure-delivery-time-missing = Укажите время суток и часовой пояс, например \`/settings at 08:00 Europe/Moscow\`, или \`/settings at off\`, чтобы получать выпуски сразу.
failure-time-zone-missing = Укажите часовой пояс после времени, например \`/settings at 08:00 Europe/Moscow\` или \`/settings at 08:00 UTC\`.
failure-unknown-time-zone = Я не знаю часового пояса «{ $zone }». Укажите название вроде \`Europe/Moscow\`, \`Asia/Yekaterinburg\` или \`UTC\`.
failure-unknown-time-zone-suggestions = Я не знаю часового пояса «{ $zone }». Может быть, вы имели в виду: { $suggestions }?
settings-at-saved = Сохранено: { $where } получает каждый новый выпуск в { $time } ({ $zone }). Выпуски, вышедшие в промежутке, придут одним сообщением.
settings-at-off = Сохранено: { $where } получает каждый новый выпуск сразу после публикации.
settings-tags-on = Сохранено: каждый новый пост в { $where } получает тег для каждого своего раздела, а недостающие теги форума я создаю.
settings-tags-off = Сохранено: каждый новый пост в { $where } получает только существующие теги форума, совпадающие с его разделами; новых я не создаю.
settings-which-subscription = { $where }: подписок на издания несколько. Какую изменить? Выберите или назовите издание: \`/settings { $example }\`
subscriptions-item-at = , в { $time } ({ $zone })
delivery-merged-heading = { $count ->
    [one] { $count } новый выпуск
    [few] { $count } новых выпуска
   *[other] { $count } новых выпусков
  }

## Telegram guest mode: a reader @mentions the bot in a chat it is not in (adapters/telegram/guest-query.ts)
guest-hint = Упомяните меня с вопросом или командой, например \`{ $bot } что выпустил Qwen?\`, \`{ $bot } story 3\` или \`{ $bot } top\`.
guest-unavailable = /{ $command } работает в чате со мной: откройте { $bot } и отправьте команду там.

## Исправления на месте (src/delivery/deliver-correction.ts, commands/correction-status.ts)
correction-notice = Исправление в выпуске { $title }:
correction-changed = изменены { $stories }
correction-added = добавлены { $stories }
correction-removed = удалены { $stories }
correction-frame = обновлено вступление
correction-updated = выпуск обновлён
correction-more = ещё { $count }
correction-read-again = Актуальная версия: /issue { $issue }
status-correction = Исправление: отредактировано { $edited }, постов с исправлением { $posted }, без изменений { $unchanged }, ошибок { $failed }, ожидают { $pending } из { $total }

## /status: posts waiting for their subscriber's hour
status-waiting = { $count ->
    [one] { $count } ждёт часа, выбранного подписчиком (ближайший — { $next } UTC)
    [few] { $count } ждут часа, выбранного подписчиками (ближайший — { $next } UTC)
   *[many] { $count } ждут часа, выбранного подписчиками (ближайший — { $next } UTC)
  }

## /status: announcement posts whose crosspost waits for the channel's hourly limit
status-follow-ups-waiting = { $count ->
    [one] { $count } пост в канале объявлений ждёт своей очереди на публикацию для подписанных серверов
    [few] { $count } поста в каналах объявлений ждут своей очереди на публикацию для подписанных серверов
   *[many] { $count } постов в каналах объявлений ждут своей очереди на публикацию для подписанных серверов
  }

## Discord: what a message cut at its limits says
discord-answer-cut = … ответ обрезан: он длиннее, чем Discord позволяет в одном ответе.
discord-post-cut = … этот выпуск длиннее, чем здесь помещается в одну публикацию; остальное — /issue { $issue }.

## Publications (commands/publications.ts)
command-publications = Издания этого бота и как на них подписаться
usage-publications = /publications
option-latest-publication = какое издание (по умолчанию: этого чата)
option-top-publication = какое издание (по умолчанию: этого чата)
option-issues-publication = какое издание (по умолчанию: этого чата)
option-issue-publication = какое издание (по умолчанию: этого чата)
option-since-publication = какое издание (по умолчанию: этого чата)
option-search-publication = какое издание (по умолчанию: этого чата)
option-subscribe-publication = какое издание (по умолчанию: этого чата)
option-unsubscribe-publication = какое издание (по умолчанию: этого чата)
option-settings-publication = какое издание (по умолчанию: этого чата)
option-ask-publication = какое издание (по умолчанию: все)
option-story-publication = какое издание (по умолчанию: этого чата)
option-sources-publication = какое издание (по умолчанию: этого чата)
option-section-publication = какое издание (по умолчанию: этого чата)
`;
