# Дипломатический список, страницы предупреждений и их ленты.

diplist-title = Дипломатический список
diplist-title-post = Дипломатический список: { $post }
diplist-mission = Миссия государства { $sending } в государстве пребывания { $host }
diplist-as-of = На { $date }.
diplist-both = Обе миссии
diplist-only = Только эта миссия
diplist-print = Распечатайте страницу из браузера; шапка и формы не печатаются.
diplist-none = На этот день в записи нет сотрудников этой миссии.
diplist-name = Имя
diplist-post = Представительство
diplist-category = Категория
diplist-function = Должность
diplist-function-none = не записана
diplist-arrival = Прибытие
diplist-status = Статус
diplist-not-arrived = ещё нет
diplist-uncertain = неопределённо: иначе { $otherwise } (событие датировано { $date })
diplist-start-unknown = в штате до начала записи
diplist-family-of = член семьи { $member }
diplist-png = объявлен(а) персоной нон грата государством { $by } { $date }
diplist-deadline = покинуть страну до { $date }
diplist-days-left = { $n ->
    [0] сегодня последний день
    [one] остался { $n } день
    [few] осталось { $n } дня
   *[many] осталось { $n } дней
}
diplist-overdue = срок истёк { $n ->
    [one] { $n } день назад
    [few] { $n } дня назад
   *[many] { $n } дней назад
}
diplist-days-left-range = осталось от { $least } до { $most } { $most ->
    [one] дня
   *[other] дней
}
diplist-overdue-range = срок истёк от { $least } до { $most } { $most ->
    [one] дня
   *[other] дней
} назад
diplist-may-have-passed = срок, возможно, истёк
diplist-departed = выбыл(а) { $date }
diplist-totals = Присутствуют по категориям
diplist-present = Присутствуют
diplist-family = Члены семей (не сотрудники)
diplist-range-note = Диапазон (2–3) означает, что прибытие или выбытие сотрудника датировано лишь периодом, в который входит этот день.
diplist-limits = Действующие потолки и ограничения
diplist-limits-none = Против этой миссии не действует ни потолок, ни ограничение.
diplist-limit = Предел
diplist-counted = Учтено в записи
diplist-measure = Мера
diplist-breach-within = в пределах
diplist-breach-may_be_breached = возможно, превышен
diplist-breach-breached = превышен
diplist-mission-wide = Потолки действуют для всей миссии: учитывается вся миссия.
diplist-visas = Дипломатические визы
diplist-visas-note = Отдельные визовые заявления в записи не ведутся. Визовые меры, действующие против этой миссии:
diplist-visas-none = нет.
diplist-link = Дипломатический список

member-status-notified = уведомлено, ещё не прибыл(а)
member-status-arrived = прибыл(а)
member-status-declared_png = объявлен(а) персоной нон грата
member-status-departed = выбыл(а)

alerts-title = Предупреждения
alerts-title-all = Предупреждения по всем отношениям
alerts-none = На этот день предупреждений нет.
alerts-as-of = На { $date }, как запись видит { $reader }.
alerts-feed = Лента Atom этих предупреждений
alerts-relation = { $a } – { $b }
alerts-count = { $n ->
    [one] { $n } предупреждение
    [few] { $n } предупреждения
   *[many] { $n } предупреждений
}
alerts-link = Предупреждения

alert-severity-urgent = Срочно
alert-severity-warning = Внимание
alert-severity-notice = К сведению

alert-kind-consular_clock_overdue = Консульский срок пропущен
alert-kind-consular_clock_due = Консульский срок истекает
alert-kind-consular_clock_may_be_overdue = Консульский срок, возможно, пропущен
alert-kind-png_departure_overdue = Выезд просрочен
alert-kind-png_departure_due = Срок выезда
alert-kind-png_departure_may_be_overdue = Выезд, возможно, просрочен
alert-kind-commitment_overdue = Обязательство просрочено
alert-kind-commitment_due = Срок обязательства
alert-kind-head_of_mission_vacant = Пост главы миссии вакантен
alert-kind-agrement_pending = Агреман не получен
alert-kind-cap_exceeded = Потолок превышен
alert-kind-cap_may_be_exceeded = Потолок, возможно, превышен
alert-kind-measure_takes_effect_soon = Скоро вступает в силу
alert-kind-measure_expires_soon = Скоро истекает
alert-kind-staff_figure_stale = Устаревшие данные о штате
