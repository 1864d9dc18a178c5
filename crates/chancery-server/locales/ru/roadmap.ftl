# Дорожная карта нормализации.

roadmap-title = Дорожная карта нормализации: { $a } – { $b }
roadmap-combined = общий
roadmap-from-today = { $change } к сегодняшнему
roadmap-step-reciprocal = взаимный: обе стороны что-то снимают
roadmap-step-unilateral = односторонний: с ним не связана ни одна действующая мера другой стороны
roadmap-step-not-reciprocity = не мера правительства страны пребывания, символическая или малодостоверная: указана, но не считается уступкой
roadmap-step = Шаг
roadmap-step-lower = шаг
roadmap-combined-after = общий индекс после шага
roadmap-assumed = Предполагается, что последует:
roadmap-lifted-here = Снимается на этом шаге
roadmap-comes-after = После
roadmap-no-other-step = не зависит от других шагов
roadmap-parity-changes = Меняет паритет по
roadmap-no-dimension = ни одному показателю
roadmap-index-after = Индекс после шага
roadmap-still-in-force = Мер остаётся в силе
roadmap-covered-by = Предусмотрено
roadmap-no-commitment = ни одним обязательством
roadmap-from = С
roadmap-summary = { $measures ->
    [one] { $measures } действующая мера
    [few] { $measures } действующие меры
   *[many] { $measures } действующих мер
}, снимаемых за { $steps ->
    [one] { $steps } шаг
    [few] { $steps } шага
   *[many] { $steps } шагов
}.
roadmap-try-whatif = Попробовать другие варианты в разделе «Что если»
roadmap-scale = Индекс после каждого шага — в масштабе обзора: 100 на { $baseline }; сегодня он равен { $now }, для каждого шага указано изменение относительно сегодняшнего. Высылки и другие события не снимаются: они уже произошли.
roadmap-how = Как строится дорожная карта
roadmap-nothing = На { $date } действующих мер нет: снимать нечего.
roadmap-glance = Шаги вкратце; каждый подробно описан ниже.
roadmap-col-lifts = Снимает
roadmap-col-combined-after = Общий индекс после шага
col-measure = Мера
col-effective = Вступила в силу
no-relation = Отношения не указаны.
# Кто что снимает на шаге, перед мерами: «Соединённые Штаты: снятие R008» (без глагола, чтобы
# не согласовывать его с наименованием государства).
roadmap-state-lifts = { $state }: снятие
