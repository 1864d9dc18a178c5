## The phrases-roadmap area: sentences the domain says, worded here (see web/i18n.rs).
# Пояснение к шагу дорожной карты и допущения. Государства названы по имени (*_name), коды —
# по подписям (*_label), учреждения — по названию на русском языке, если оно есть в записи
# (*_shown); меры — по обозначению в записи (R062), даты — как в записи.

roadmap-said-step = Шаг { $order }: { $sides }.
roadmap-said-side = { $actor_name } — снятие { $measures }
roadmap-said-measure = { $name } ({ $kind_label }, { $effective })
roadmap-said-not-reciprocity = Мера { $measure } не относится к мерам, на которых основываются выводы ({ $capacity_label }{ $host ->
    [yes] ; мера символическая или малодостоверная
   *[no] {""}
}): она приведена, чтобы ничто из действующего не осталось скрытым, и её снятие не является уступкой государства { $actor_name }.
roadmap-said-unilateral = Односторонний шаг: ни одна действующая мера другой стороны не связана с мерой { $measure } в графе ответных мер, поэтому шаг следует за взаимными, если только он не нужен одному из них.
roadmap-said-joined = Мера { $latest } — последняя из ещё не распределённых по шагам; к ней присоединена мера { $joined } как ближайшая из действующих мер другой стороны, связанных с ней в графе ответных мер, чтобы уступки сделали обе стороны.
roadmap-said-latest = Мера { $latest } — последняя из этих действующих мер; остальные — мера, на которую она отвечала, или ответы на неё, поэтому они снимаются вместе.
roadmap-said-links = Связи с мерами, снимаемыми на других шагах: { $links }.
roadmap-said-answers = { $measure } — ответ на { $answered } (шаг { $step })
roadmap-said-answered-by = { $answer } — ответ на { $measure } (шаг { $step })
roadmap-said-comes-after = Следует после { $several ->
    [yes] шагов
   *[no] шага
} { $steps }: { $why }.
roadmap-said-need-visas = прежде чем воспользоваться повышенным потолком, необходимо выдать дипломатические визы
roadmap-said-need-local-hiring = консульское обслуживание может быть восстановлено лишь после возвращения местного персонала
roadmap-said-need-premises = закрытое учреждение может вновь открыться лишь после возврата помещений
roadmap-said-assumed = Допущение: { $text }.
roadmap-said-parity-none = Сам по себе этот шаг не меняет ни одного показателя паритета.
roadmap-said-parity = Паритет меняется по показателям: { $labels_shown }.
roadmap-said-covered = Уже предусмотрено обязательством { $commitment } ({ $status_label }), в котором обещано { $lifts ->
    [yes] снятие
   *[no] смягчение
} мер этого шага.
roadmap-said-promise-lifts = снятие
roadmap-said-promise-eases = смягчение

roadmap-said-post-reopened = { $name_shown } может возобновить работу после снятия меры { $measure }; принимается, что работа возобновлена
roadmap-said-premises-returned = объект «{ $name }» может быть возвращён после снятия меры { $measure }; принимается, что он возвращён
roadmap-said-lift-refused = меру { $measure } не удалось снять в записи в том виде, в каком она была (правила записи этого не допускают): после этого шага она остаётся в силе
