# Что если.

whatif-title = Что если: { $a } – { $b }
whatif-lift-legend = Снять меры, действующие на
whatif-lift-help = Каждая отмеченная мера снимается { $date }.
whatif-nothing-in-force = На эту дату действующих мер нет.
whatif-by-against = Меры: { $actor } против представительств: { $target }
whatif-add-legend = Добавить гипотетическую запись
whatif-add-help = Запись любого вида проверяется правилами так, как если бы её внесли. Чтобы изменить сравнение на этот день, она должна быть датирована не позднее { $date }.
whatif-kind = Вид записи
whatif-show-fields = Показать поля этого вида
whatif-applied = { $n ->
    [one] Применена { $n } гипотетическая запись
    [few] Применены { $n } гипотетические записи
   *[many] Применено { $n } гипотетических записей
} к копии отношений. Ничего не сохранено.
whatif-index-on = Индекс на
whatif-index-caption = 100 — запись в её нынешнем виде на этот день; выше 100 — меньше ограничений.
whatif-restriction-record = Ограничения по записи
whatif-restriction-after = С гипотетическими записями
whatif-index = Индекс
whatif-combined = Общий
whatif-assumed = Предполагается, что после снятия последует
whatif-assumed-help = Отмена закрытия или изъятия сама по себе не открывает представительство и не возвращает здание; предполагается, что последует следующее:
whatif-changed = Показатели, которые меняются
whatif-none-changed = Никакие: паритет одинаков по всем показателям.
whatif-parity = Паритет до и после
whatif-record = по записи
whatif-what-if = что если
whatif-comparison = Сравнение, что если
whatif-changed-tag = изменено
whatif-on-record = По записи:
whatif-lead-1 = Сравните паритет и индекс нормализации на
whatif-lead-2 = с записью в её нынешнем виде после снятия мер или добавления записи. Ничего не сохраняется.
whatif-see-roadmap = См. дорожную карту
whatif-lead-3 = с порядком взаимных шагов.
whatif-refused = Правила этого не допускают
whatif-nothing-compared = Ничего не сравнивалось и ничего не сохранено.
whatif-result = Результат
whatif-lifted-on = Снято
whatif-choose = Выбор
whatif-choose-help = Отметьте меры для снятия или добавьте запись, затем нажмите «Сравнить».
whatif-compare = Сравнить
whatif-no-such-kind = Вида записи «{ $kind }» не существует.
whatif-act-unreadable = Гипотетическую запись невозможно прочитать.
