# Консульские страницы: по отношениям и по каждому учреждению, с делами граждан и формой сценария.

consular-desk-title-relation = Консульский обзор: { $a } – { $b }
consular-desk-title-post = Консульский обзор: { $post }
consular-desk-title-post-prefix = Консульский обзор:
consular-desk-intro-on = Консульские и коммерческие услуги каждого учреждения на
consular-desk-intro-week = , объём работы, который консульский персонал может выполнить за неделю { $week }, зарегистрированный спрос и сроки ожидания для заявителя, обратившегося в этот день.
consular-desk-intro-services = Перечень услуг — по ст. 5 Венской конвенции о консульских сношениях; торговое представительство оказывает содействие торговле и коммерческие услуги.
consular-week-range = с { $from } по { $to }
consular-mission-no-post = Учреждений, оказывающих консульские или коммерческие услуги, не зарегистрировано.
consular-no-such-post = в этих отношениях на { $date } нет учреждения `{ $id }`, оказывающего консульские или коммерческие услуги
consular-link-post-page = Страница учреждения
consular-link-every-post = Все учреждения в этих отношениях
consular-levels-heading = Объём услуг во времени
consular-levels-caption = Объём каждой услуги с первого зарегистрированного изменения по { $date }; формулировки актов и источники текущего объёма приведены в таблице выше.
consular-levels-none = Сведений об объёме услуг этого учреждения на { $date } нет.

consular-post-services-heading = Услуги, пропускная способность и сроки ожидания
consular-fact-kind = Тип учреждения
consular-fact-status = Статус
consular-post-closed = Закрыто: услуги не оказываются.
consular-table-caption = По каждой услуге перечня; пропускная способность и спрос — заявителей в неделю.
consular-col-service = Услуга
consular-col-level = Объём услуг
consular-col-capacity = Пропускная способность в неделю
consular-col-demand = Спрос в неделю
consular-col-load = Загрузка
consular-col-waits = Срок ожидания записи на приём, дней
consular-issued-note = Выдано, по опубликованным данным: документы, выданные за прошедший период, а не спрос (отказы и заявители, направленные в другие учреждения, в них не учтены).
consular-notes = Примечания:

consular-fact-staff = Консульский персонал
consular-officers = { $n ->
    [one] { $n } консульский сотрудник
    [few] { $n } консульских сотрудника
   *[many] { $n } консульских сотрудников
}
consular-local-staff = { $n ->
    [one] { $n } местный сотрудник
    [few] { $n } местных сотрудника
   *[many] { $n } местных сотрудников
}
consular-local-staff-not-reported = сведений о местном персонале нет
consular-reported = (по отчёту — { $n })
consular-on-date = на { $date }
consular-estimate = оценка
consular-no-staff-figure = сведений нет
consular-fact-local-limit = Предельная численность местного персонала
consular-limit-since = { $n } с { $date }
consular-fact-support = Коэффициент вспомогательной нагрузки
consular-support-factor = { $f } полного дневного объёма дел на сотрудника
consular-fact-section-load = Загрузка консульского отдела
consular-section-load-note = (сумма загрузки по услугам: сотрудники у них общие, поэтому при значении выше 1 очередь растёт)
consular-fact-working-days = Рабочие дни
consular-working-days = { $n } за неделю с { $from } по { $to }
consular-holidays-lost = { $n ->
    [one] { $n } приходится на государственный праздник
   *[other] { $n } приходятся на государственные праздники
}
consular-no-calendar = (нет календаря праздников для: { $states }; учтены только выходные)

consular-level-not-recorded = не указан
consular-since = с { $date }
consular-whole-post = (для всего учреждения)
consular-routed-to = заявителей направляют в
consular-forced-by = вследствие
consular-at-most-limited = не более: объём услуги ограничен
consular-per-officer-day = { $n } на сотрудника в день
consular-productivity-post = данные учреждения
consular-productivity-default = оценка по умолчанию
consular-waits-bands = медиана { $median }; 90-й процентиль { $p90 }; ближайшая свободная запись через { $next }; ожидают дольше { $horizon } { $horizon ->
    [one] дня
   *[other] дней
}: { $backlog }
consular-book-full = Запись заполнена:
consular-book-full-text = часть обращений не находит свободного времени для записи в пределах { $n } { $n ->
    [one] дня
   *[other] дней
}; они учитываются как ожидающие дольше { $n } { $n ->
    [one] дня
   *[other] дней
}.
consular-method-simulated = метод: моделирование
consular-no-demand = сведений о спросе нет
consular-simulated-on-post-desk = моделируется на странице учреждения
consular-not-computed = не рассчитано
consular-method-heading = Методика
consular-default-sources = Источники производительности по умолчанию (оценка):

## Сроки ожидания в ближайшие недели, на странице учреждения.

consular-series-median = { $service }, медиана
consular-series-p90 = { $service }, 90-й процентиль
consular-waits-note = Моделирование по данным на { $date }; журнал записи предварительно заполнен обращениями за { $n } { $n ->
    [one] день
    [few] дня
   *[many] дней
} до этой даты.
consular-waits-heading = Сроки ожидания в ближайшие недели
consular-waits-busy = Система занята: сроки ожидания не смоделированы, повторите попытку чуть позже (выполняются другие расчёты).
consular-waits-none = Сроки ожидания для этого учреждения не смоделированы: см. примечания выше.
consular-waits-chart-title = Сроки ожидания в учреждении { $post } в ближайшие недели
consular-waits-caption = Число дней от обращения до приёма для обращений, поданных в каждую неделю начиная с { $date }: линии — среднее по прогонам, затенённые полосы — от 10-го до 90-го процентиля; медианы — сплошные линии, 90-е процентили — пунктир.

## Дела граждан.

consular-cases-heading = Дела граждан
consular-cases-none-post = Дел граждан по этому учреждению в доступных вам сведениях нет.
consular-cases-none-relation = Дел граждан в этих отношениях в доступных вам сведениях нет.
consular-cases-intro = Дела граждан, арестованных, задержанных, умерших или нуждающихся в помощи в консульском округе учреждения, на { $date }, со сроками, установленными Венской конвенцией о консульских сношениях и договорами между двумя государствами.
consular-cases-open = { $n ->
    [one] { $n } открытое дело
    [few] { $n } открытых дела
   *[many] { $n } открытых дел
}
consular-clocks-overdue = { $n ->
    [one] { $n } срок просрочен
    [few] { $n } срока просрочены
   *[many] { $n } сроков просрочено
}
consular-clocks-maybe-overdue = { $n ->
    [one] { $n } срок, возможно, просрочен
    [few] { $n } срока, возможно, просрочены
   *[many] { $n } сроков, возможно, просрочены
} (даты известны лишь с точностью до периода)
consular-clocks-none-overdue = просроченных сроков нет
consular-cases-unplaced = { $n ->
    [one] { $n } дело не относится
    [few] { $n } дела не относятся
   *[many] { $n } дел не относятся
} ни к одному консульскому округу; см. консульские дела в API или `chancery consular cases`.
consular-notice-overdue = { $n ->
    [one] Просрочен { $n } консульский срок
    [few] Просрочены { $n } консульских срока
   *[many] Просрочено { $n } консульских сроков
}
consular-notice-in-cases = в делах граждан по этому учреждению:
consular-notice-see-cases = см. дела в консульском обзоре
consular-act-number = акт № { $seq }
consular-custody-ended = { $step }: { $date }
consular-custody-held = Содержится под стражей
consular-custody-none = Не связано с содержанием под стражей
consular-case-heading = Дело { $case }: { $kind }
consular-tag-overdue = просрочено
consular-case-national-of = Гражданство
consular-case-date-place = Дата и место
consular-case-custody = Содержание под стражей
consular-case-description = Описание
consular-case-opened = Открыто
consular-case-no-step = Действий не зарегистрировано.
consular-case-latest-steps = Последние действия
consular-case-earlier-steps = (более ранних: { $n }; см. акты дела)

consular-standing-on_record = мера государства пребывания, зарегистрирована
consular-standing-own_claim = основано на нашем собственном утверждении: акт государства пребывания не зарегистрирован
consular-standing-own_claim_disputed = основано на нашем собственном утверждении, которое государство пребывания оспаривает
consular-standing-own_claim_confirmed = основано на нашем собственном утверждении, которое государство пребывания подтвердило
consular-standing-dated_after_step = мера государства пребывания, на которую ссылается запись, теперь датирована позже этого действия (исправлена)
consular-standing-gone = мера, на которую ссылается запись, больше не зарегистрирована (отменена или исправлена)

consular-clocks-none-run = Для дел такого рода сроки не установлены.
consular-clocks-caption = Сроки в календарных днях с даты дела.
consular-col-clock = Срок
consular-col-basis = Правовое основание
consular-col-deadline = Крайний срок
consular-col-days-elapsed = Прошло дней
consular-col-status = Состояние
consular-clock-rights_information = Разъяснение гражданину права на уведомление консульства
consular-clock-consular_notification = Уведомление консульского учреждения
consular-clock-consular_access = Консульский доступ к гражданину
consular-basis-vccr_36_1_b = п. 1 «b» ст. 36 Венской конвенции о консульских сношениях: «безотлагательно»
consular-basis-vccr_36_1_c = п. 1 «c» ст. 36 Венской конвенции о консульских сношениях: право посещения; срок не установлен
consular-basis-vccr_37_a = п. «a» ст. 37 Венской конвенции о консульских сношениях: «безотлагательно»
consular-deadline-within = в течение { $n } { $n ->
    [one] дня
   *[other] дней
}, до { $date } включительно
consular-deadline-without-delay = «безотлагательно»: число дней не установлено
consular-deadline-none = срок не установлен

consular-clock-met = Соблюдён
consular-clock-on-day = на { $n }-й день ({ $date })
consular-clock-met-late = Соблюдён с опозданием
consular-clock-after-deadline = на { $n } { $n ->
    [one] день
    [few] дня
   *[many] дней
} позже срока
consular-clock-due-today = Идёт: истекает сегодня
consular-clock-running-left = Идёт: { $n ->
    [one] остался { $n } день
    [few] осталось { $n } дня
   *[many] осталось { $n } дней
}
consular-clock-running-day = Идёт: { $n }-й день
consular-clock-overdue = Просрочен
consular-clock-overdue-by = на { $n } { $n ->
    [one] день
    [few] дня
   *[many] дней
}
consular-clock-missed = Нарушен
consular-clock-missed-text = не соблюдён в срок; содержание под стражей прекращено на { $n }-й день
consular-clock-stopped = Прекращён: содержание под стражей прекращено на { $n }-й день, прежде чем требование было выполнено
consular-clock-met-uncertain = Соблюдён, но вовремя или с опозданием — неизвестно
consular-clock-met-uncertain-text = по зарегистрированным датам нельзя установить, соблюдён ли срок
consular-clock-stopped-or-missed = Прекращён или нарушен: содержание под стражей прекращено на { $n }-й день, прежде чем требование было выполнено; по зарегистрированным датам нельзя установить, до истечения срока или после
consular-clock-not-reported = Нет сведений
consular-clock-not-reported-text = в открытых сообщениях об этом деле ничего не говорится
consular-clock-may-be-overdue = Возможно, просрочен
consular-clock-between = срок истекает между { $from } и { $to }, так как дата дела известна лишь с точностью до периода

## Проверка сценария, на странице учреждения.

consular-scenario-heading = Проверить сценарий
consular-scenario-intro = Измените численность персонала или спрос начиная с выбранного дня и сравните сроки ожидания с зарегистрированными данными. В реестр ничего не записывается.
consular-scenario-officers = Консульские сотрудники
consular-scenario-officers-to = Число сотрудников станет
consular-scenario-from-day = начиная с дня
consular-scenario-over-days = переход за (дней)
consular-scenario-local-staff = Местный персонал
consular-scenario-lift = Снять ограничение численности местного персонала
consular-scenario-lift-none = — нет: действующее ограничение сохраняется
consular-scenario-no-limit = (ограничений численности местного персонала в отношении этого представительства нет)
consular-scenario-local-staff-to = Численность местного персонала станет
consular-scenario-demand = Спрос
consular-scenario-service = Услуга
consular-scenario-demand-factor = Спрос умножить на
consular-scenario-days = Дней моделирования (от 7 до 730; по умолчанию 182)
consular-scenario-replications = Число прогонов (от 1 до 50; по умолчанию 10)
consular-scenario-submit = Сравнить с зарегистрированными данными
consular-scenario-error-prefix = Ошибка:
consular-scenario-error-not-whole = «{ $value }» — не целое число.
consular-scenario-error-not-days = «{ $value }» — не целое число дней.
consular-scenario-error-not-number = «{ $value }» — не число.
consular-scenario-error-choose-service = Выберите услугу, спрос на которую меняется.
consular-scenario-error-officers-figure = Укажите численность сотрудников, к которой относятся эти дни.
consular-scenario-error-local-staff-figure = Укажите численность местного персонала, к которой относятся эти дни.
consular-scenario-error-demand-figure = Укажите множитель, к которому относятся услуга или день.
consular-scenario-error-not-measure = Это не идентификатор меры.
consular-scenario-error-unreadable = Форму не удалось прочитать: { $why }.
consular-scenario-error-no-relation = Отношения не указаны.
consular-scenario-error-busy = Выполняются другие расчёты: повторите попытку чуть позже.
consular-scenario-series-baseline = { $service }, медиана, исходные данные
consular-scenario-series-scenario = { $service }, медиана, сценарий
consular-scenario-chart-title = Сроки ожидания в учреждении { $post }: исходные данные и сценарий
consular-scenario-results-heading = Исходные данные и сценарий
consular-scenario-chart-note = Медианы; исходные данные — сплошные линии, сценарий — пунктир.
consular-scenario-chart-caption = Медианное число дней до приёма для обращений, поданных в каждую неделю начиная с { $date }; исходные данные — сплошные линии, сценарий — пунктир; затенённые полосы — от 10-го до 90-го процентиля по { $n } { $n ->
    [one] прогону
   *[other] прогонам
}.
consular-scenario-table-caption = { $service }: каждая четвёртая неделя, исходные данные → сценарий
consular-scenario-col-week = Неделя с
consular-scenario-col-median = Медиана ожидания, дней
consular-scenario-col-p90 = 90-й процентиль, дней
consular-scenario-col-backlog = Ожидают на конец недели
consular-scenario-method = Методика и допущения

# Объём услуги, как он указан рядом с услугой («иммиграционные визы: услуги не оказываются»).
consular-level-full = полный объём
consular-level-limited = ограниченный объём
consular-level-emergency_only = только экстренные случаи
consular-level-none = услуги не оказываются
