## The acts area: sentences the domain says, worded here (see web/i18n.rs).
## Список записей (`/acts`) и страница одной записи (`/acts/{seq}`). Подписи фильтров по
## государствам и порядки — в data.ftl (`acts-filter-*`, `acts-order-*`).

# Вид записи, значение закрытого словаря и государство: по-русски — наименованием (`$label`,
# `$name`). Чего касается запись — в about.ftl.
acts-kind-shown = { $label }
acts-choice-shown = { $label }
acts-state-shown = { $name }

acts-title = Записи
acts-intro = Записи, датированные не позднее { $date }, в порядке их внесения.
acts-filters = Отбор записей
acts-filter-kind = Вид записи
acts-kind-any = любой
acts-filter-from = С
acts-filter-to = По
acts-filter-text = Текст
acts-filter-submit = Отобрать
acts-filter-clear = Сбросить
acts-found-by-date = { $n ->
    [one] Найдена { $n } запись
    [few] Найдено { $n } записи
   *[many] Найдено { $n } записей
} ({ $order }).
acts-found = { $n ->
    [one] Найдена { $n } запись
    [few] Найдено { $n } записи
   *[many] Найдено { $n } записей
} в диапазоне № { $from }–{ $to }; всего внесено записей: { $end }.
acts-search-stopped = Поиск остановлен после просмотра { $budget } { $budget ->
    [one] записи
   *[other] записей
}: продолжите поиск по остальным.
acts-col-seq = №
acts-col-date = Дата
acts-col-kind = Вид
acts-col-states = Государства
acts-col-what = Содержание
acts-col-ref = Ссылка
acts-pages = Страницы
acts-first-page = Первая страница
acts-next-page = Следующая страница
acts-continue = Продолжить поиск после записи № { $seq }

act-title = Запись № { $seq }: { $kind }
act-title-withdrawn = Запись № { $seq }: { $kind } (отозвана)
act-recorded = Внесена
act-recorded-by = пользователем { $user }
act-field-kind = Вид записи
act-field-names = Написание ({ $lang })
act-field-city-names = Город, написание ({ $lang })
act-visibility = Доступ
act-visibility-public = открытый
act-visibility-bilateral = двусторонний
act-visibility-internal = внутренний: { $state }
act-yes = да
act-no = нет
act-link = запись № { $seq }
act-source-link = ссылка
act-same-kind = Другие записи этого вида
act-withdrawn-heading = Отозвана как внесённая по ошибке.
act-withdrawn-by = Запись отозвана записью
act-withdrawn-link = № { $seq }
act-withdrawn-when = от { $date } (внесена { $recorded }) и не учитывается ни в одном представлении записи в её нынешнем виде. Причина: { $reason }

act-missing = Записи № { $seq } нет.
act-not-a-number = «{ $seq }» не является номером записи.
acts-bad-state = Параметр «{ $name }»: «{ $value }» не является кодом государства по ISO 3166-1.
acts-bad-date = Параметр «{ $name }»: «{ $value }» не является датой (ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД).
acts-bad-order = Порядок «{ $order }» для списка записей не предусмотрен.
acts-bad-after = Параметр «after»: «{ $value }» не является номером записи.
