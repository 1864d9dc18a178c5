# Формы для записи акта (web/forms): шаги, форма, ошибки, подтверждение.

forms-title = Записать акт
forms-intro = Выберите отношения, затем — что произошло. Каждый акт проверяется по записи на его дату до того, как он записан; отклонённый акт ничего не меняет.
forms-no-relation = Ваша организация не записывает акты ни одних отношений.
forms-relation = Отношения
forms-choose = Выбрать
forms-what-happened = Что произошло: { $relation }
forms-no-kind = Ваша роль не записывает ни одного вида актов.
forms-not-your-kind = Ваша роль не записывает этот вид актов ({ $kind }); виды, которые вы можете записывать, перечислены на странице записи акта.
forms-no-such-kind = Вида актов «{ $kind }» нет.

forms-group-post = Представительства и консульская работа
forms-group-premises = Помещения
forms-group-member = Сотрудники
forms-group-head = Главы представительств
forms-group-staffing = Численность персонала
forms-group-measure = Меры
forms-group-case = Дела граждан
forms-group-talks = Переговоры
forms-group-commitment = Обязательства
forms-group-claim = Ответы на утверждения другой стороны
forms-group-withdrawal = Исправления
forms-group-state = Государства

forms-form-title = Запись: { $kind }
forms-in-relation = Отношения: { $relation }.
forms-another-kind = Выбрать другой вид акта
forms-nothing-recorded = Ничего не записано
forms-faults = { $n ->
    [one] { $n } ошибку нужно исправить:
    [few] { $n } ошибки нужно исправить:
   *[many] { $n } ошибок нужно исправить:
}
forms-recorded-as = Записывается от вашего имени ({ $reader }): ваша организация может записывать акты своих отношений, видимые не шире, чем видит она сама.
forms-envelope = Дата и источники
forms-stray = { $n ->
    [one] { $n } ошибка выше относится к полю, которого нет в этой форме.
    [few] { $n } ошибки выше относятся к полям, которых нет в этой форме.
   *[many] { $n } ошибок выше относятся к полям, которых нет в этой форме.
}
forms-record = Записать
forms-required = (обязательно)
forms-error = Ошибка:
forms-choose-several = Выберите одно или несколько значений (удерживайте Ctrl или ⌘, чтобы выбрать несколько).

forms-audience-public = Открыто: для всех
forms-audience-bilateral = Двусторонне: { $a } и { $b }, а также посредники
forms-audience-internal = Внутреннее: только министерство ({ $state })

forms-fault-required = обязательное поле
forms-fault-not-a-date = «{ $given }» — не дата: укажите день (2017-07-28), месяц (2017-07) или год (2017)
forms-fault-not-a-state = «{ $given }» — не государство: выберите из списка
forms-fault-not-a-count = «{ $given }» — не целое число
forms-fault-not-a-choice = «{ $given }» нет среди вариантов: выберите один из { $allowed }
forms-fault-not-an-id = «{ $given }» — не идентификатор: строчные латинские буквы, цифры и дефисы, не более 64
forms-fault-not-a-place = строка { $line }: «{ $given }» — не «Город, CC» и не «Город, CC, id-представительства»
forms-fault-not-a-visibility = «{ $given }» — не уровень доступа: выберите из списка

forms-recorded-title = Записано: акт № { $seq }
forms-recorded-text = { $kind } (дата: { $date }) записан как акт № { $seq }.
forms-recorded-made = Его идентификатор составлен из названия:
forms-recorded-act = Акт № { $seq }
forms-recorded-post = Страница представительства ({ $id })
forms-recorded-measure = Страница меры ({ $id })
forms-recorded-round = Страница раунда ({ $id })
forms-recorded-commitment = Страница обязательства ({ $id })
forms-recorded-relation = Отношения { $relation }
forms-recorded-again = Записать ещё один акт
