## The phrases-parity area: sentences the domain says, worded here (see web/i18n.rs).
# Паритет (web/said/parity.rs). Государства названы по имени в записи (аргументы *_name),
# коды — по их подписям (*_label); даты, обозначения мер, названия учреждений и имена лиц —
# как в записи.

parity-said-definition = { $counting }; представительства при международных организациях { $io ->
    [yes] учитываются
   *[no] не учитываются
}

parity-counting-all_staff = весь персонал, включая местный
parity-counting-sending_state_staff = персонал аккредитующего государства, без местного
parity-counting-diplomatic = дипломатический персонал (главы представительств и дипломаты)
parity-counting-administrative_technical = административно-технический персонал
parity-counting-service = обслуживающий персонал
parity-counting-locally_employed = местный персонал

parity-said-and = {" "}и{" "}
parity-said-days = { $n ->
    [one] { $n } день
    [few] { $n } дня
    [many] { $n } дней
   *[other] { $n } дня
}
parity-said-figure = { $bound ->
    [about] около {""}
    [at_least] не менее {""}
    [more_than] более {""}
    [at_most] не более {""}
   *[exact] {""}
}{ $n }

parity-said-staff-reported = { $figure } { $bound ->
    [exact] { $n ->
        [one] сотрудник
        [few] сотрудника
        [many] сотрудников
       *[other] сотрудника
    }
   *[other] { $n ->
        [one] сотрудника
       *[other] сотрудников
    }
} ({ $counting }; данные на { $date }, { $age })
parity-said-staff-at-least = не менее { $n } { $n ->
    [one] сотрудника
   *[other] сотрудников
} ({ $counting }; по лицам, значащимся в записи)
parity-said-staff-unknown = неизвестно: нет данных о численности всего представительства по счёту «{ $counting }», и ни одно лицо в записи не значится
parity-said-posts-unknown = неизвестно: ни одно учреждение этого представительства в записи не значится
parity-said-posts-open = открыто: { $open }
parity-said-posts-open-range = открыто: от { $open } до { $most }
parity-said-posts-suspended = приостановлено: { $n }
parity-said-posts-closed = закрыто: { $n }
parity-said-posts-maybe = состояние на эту дату не установлено: { $n }
parity-said-premises-unknown = неизвестно: ни один объект в записи не значится
parity-said-premises = пригодны к использованию: { $usable } из значащихся в записи; государством { $host_name } закрыт доступ: { $barred }, изъято: { $seized }{ $stripped ->
    [0] {""}
   *[other] ; государством { $host_name } лишено дипломатического статуса (собственность сохраняется): { $stripped }
}
parity-said-at-parity-unknown = потолок на уровне численности представительства государства { $host_name } ({ $counting }; с { $since }): данных о численности этого представительства в записи нет
parity-said-no-limit = ограничений нет
parity-said-no-cap = потолка нет
parity-said-capped = потолок { $cap } ({ $counting }{ $io ->
    [yes] , включая представительства при международных организациях
   *[no] {""}
}; с { $since }){ $also }
parity-said-banned = наём запрещён (лимит 0, { $counting }{ $io ->
    [yes] , включая представительства при международных организациях
   *[no] {""}
}; с { $since }){ $also }
parity-said-also-limit = { $cap } ({ $counting })
parity-said-also-limited = ; действуют также лимиты: { $list }
parity-said-none-in-force = действующих мер нет
parity-said-in-force = { $n ->
    [one] действует { $n } мера
    [few] действуют { $n } меры
    [many] действуют { $n } мер
   *[other] действуют { $n } меры
}: { $list }
parity-said-and-more = и ещё { $n }
parity-said-class = { $class_label }
parity-said-class-routed = { $class_label } (заявители направляются в: { $places })
parity-said-place = { $city } ({ $state_name })
parity-said-not-offered = ; не предоставляются: { $list }
parity-said-visa-classes = предоставляются { $offered } из { $of } { $of ->
    [one] категории
   *[other] категорий
} виз{ $not }
parity-said-visa-classes-unknown = неизвестно: по записи предоставляются { $offered } из { $of }; нет сведений: { $list }
parity-said-no-consular-post = нет: ни одно открытое учреждение не ведёт консульского обслуживания
parity-said-service-level = { $level_label } (лучший уровень — { $at })
parity-said-service-unknown = неизвестно: открытых учреждений — { $open }, ни для одного уровень обслуживания в записи не указан
parity-said-since-record = с начала записи ({ $date })
parity-said-on-record = по записи
parity-said-no-denial = отказов государства { $host_name } в консульском доступе { $since } нет
parity-said-denials = { $n ->
    [one] { $n } отказ
    [few] { $n } отказа
    [many] { $n } отказов
   *[other] { $n } отказа
} государства { $host_name } в консульском доступе { $since }; последний — { $date }: { $measure }
parity-said-charge = ; временный поверенный в делах — { $person } (с { $since })
parity-said-credentials = , верительные грамоты вручены { $date }
parity-said-head-unknown = неизвестно: глава представительства в записи не значится{ $charge }
parity-said-head-away-unreported = { $person } в должности, отсутствует (дата отъезда не сообщалась){ $charge }
parity-said-head-in-post = { $person } в должности с { $since }{ $credentials }
parity-said-head-away = { $person } отсутствует с { $since } ({ $days_text }){ $charge }
parity-said-head-vacant = должность вакантна с { $since } ({ $days_text }){ $charge }
parity-said-head-uncertain = на эту дату не установлено: { $otherwise } или { $then } (дата события — { $pending })

parity-said-capacity = мера принята в качестве «{ $capacity_label }», а не правительством государства пребывания
parity-said-symbolic = мера символическая
parity-said-low-confidence = сведения низкой достоверности
parity-said-io-mismatch = цифра { $counts ->
    [yes] учитывает
   *[no] не учитывает
} представительства при международных организациях, а определение их { $includes ->
    [yes] включает
   *[no] исключает
}: не сравнивается
parity-said-also-reported = на { $date } сообщались также цифры: { $figures }
parity-said-above-cap = сообщённая цифра выше уже действовавшего потолка { $cap } ({ $by })
parity-said-predates-verb = { $certain ->
    [yes] раньше, чем
   *[no] возможно, раньше, чем
}
parity-said-predates-expulsion = { parity-said-predates-verb } высылка { $n } чел. { $date } ({ $by })
parity-said-predates-ban = { parity-said-predates-verb } запрет на местный персонал, действующий с { $date } ({ $by }): с тех пор местного персонала нет
parity-said-predates-cap = { parity-said-predates-verb } потолок { $cap }, действующий с { $date } ({ $by }): с тех пор не более { $cap } ({ $counting_label }){ $own ->
    [yes] {""}
   *[no] , по правилу подсчёта потолка, а не этой цифры
}
parity-said-predates-other = { parity-said-predates-verb } { $by }, действует с { $date }
parity-said-lower-bound = данных о численности по этому определению нет: лица, значащиеся в записи, дают лишь нижнюю границу
parity-said-basis-lists = в основаниях перечислены { $listed } из { $of } { $of ->
    [one] учтённого сотрудника
   *[other] учтённых сотрудников
}
parity-said-post-uncertain = состояние учреждения «{ $name }» на эту дату не установлено: { $status_label } или { $otherwise } (дата события — { $pending })
parity-said-premises-uncertain = состояние объекта «{ $name }» на эту дату не установлено: { $otherwise } или { $status_label } (дата события — { $pending })
parity-said-before-record = учтено до первой даты в записи: { $n } (открыты до начала записи, дата открытия неизвестна)
parity-said-own-closure = приостановлено или закрыто самим государством { $sending_name }: { $n }; это не мера государства { $host_name }, поэтому при сравнении они считаются открытыми
parity-said-measures-of-kind = действует мер этого вида: { $n }; показан самый жёсткий лимит по каждому способу подсчёта
parity-said-announced = объявлена, ещё не действует: { $measure } (вступает в силу { $effective })
parity-said-known-by = известно лишь, что она действовала к { $date }
parity-said-imprecise = дата, от которой она зависит, неточна
parity-said-uncertain-not-counted = на эту дату не установлена, не учитывается: { $measure } ({ $why })
parity-said-in-force-not-counted = действует также, но не учитывается: { $measure } ({ $why })
parity-said-on-record-not-counted = значится также в записи, но не учитывается: { $measure } ({ $why })
parity-said-dated-by-period = датирована периодом, который может закончиться позже этого дня, не учитывается: { $measure }
parity-said-more-claims = ещё { $n } — { $claim ->
    [disputed] заявлено государством { $by_name } и оспорено государством { $host_name }
    [confirmed] заявлено государством { $by_name } и подтверждено государством { $host_name }, которое не внесло это в запись как собственный акт
   *[open] заявлено государством { $by_name }, не установлено
}: учитываются, только если запрошен учёт неоспоренных заявлений государства { $by_name }
parity-said-no-cases = по делам в вашей записи: задержанных граждан государства { $sending_name } в государстве { $host_name } нет
parity-said-cases-clocks = по делам в вашей записи (задержанных в государстве { $host_name } граждан государства { $sending_name }: { $cases }): { $clocks }
parity-said-clocks = доступ предоставлен в срок: { $met }, с опозданием: { $met_late }, срок истёк: { $overdue }, не предоставлен: { $missed }{ $not_reported ->
    [0] {""}
   *[other] , нет в публичных сообщениях: { $not_reported }
}{ $uncertain ->
    [0] {""}
   *[other] , в срок ли — не установлено: { $uncertain } (даты известны лишь с точностью до периода)
}
parity-said-cases-own = дела граждан государства { $sending_name } ведёт его министерство: в вашей записи лишь публично сообщённые, поэтому сроки не сравниваются
parity-said-unreported-levels = открытых учреждений без указанного в записи уровня обслуживания: { $n }; лучший уровень может быть выше
parity-said-agrement-refused = в агремане для { $person } отказано { $date }{ $low ->
    [yes] , лишь по сведениям низкой достоверности
   *[no] {""}
}
parity-said-agrement-withheld = агреман для { $person } запрошен { $date } и не дан за { $days_text }{ $low ->
    [yes] , лишь по сведениям низкой достоверности
   *[no] {""}
}

parity-said-equal = равные условия: представительство государства { $a_name } — { $va }; представительство государства { $b_name } — { $vb }
parity-said-stricter = строже государство { $host_name }: представительство государства { $worse_name } — { $vw }; представительство государства { $better_name } — { $vb }{ $why }{ $low ->
    [yes] {" "}— этот вывод опирается лишь на сведения низкой достоверности
   *[no] {""}
}
parity-said-why = {" "}({ $why })
parity-said-not-comparable = несопоставимо: { $why }
parity-said-both-unknown = неизвестны цифры обеих сторон — государства { $a_name } и государства { $b_name }
parity-said-unknown = цифра по представительству государства { $a_name } неизвестна
parity-said-not-definition = цифра по представительству государства { $a_name } не соответствует определению
parity-said-ranges-overlap = диапазоны, допускаемые обеими цифрами, пересекаются: ни одна из них заведомо не меньше другой
parity-said-io-not-bilateral = представительства при международных организациях — не предмет двусторонних отношений
parity-said-premises-uncertain-sides = состояние части объектов { $count ->
    [one] представительства государства
   *[other] представительств государств
} { $names } на эту дату не установлено
parity-said-both-withhold = обе стороны не дают агремана на главу представительства другой стороны
parity-said-without-head = { $count ->
    [one] представительство государства { $names } остаётся без главы
   *[other] представительства государств { $names } остаются без глав
}
parity-said-head-presence-uncertain = присутствие главы { $count ->
    [one] представительства государства
   *[other] представительств государств
} { $names } на эту дату не установлено
parity-said-head-absent = { $parts }, однако отказа в агремане или задержки с его предоставлением со стороны государства пребывания запись не показывает
parity-said-at-parity-no-figure = для представительства государства { $capped_name } установлен потолок на уровне паритета, а данных о численности представительства государства { $other_name } в записи нет
parity-said-count-different = лимиты для представительства государства { $a_name } считают { $list_a }, а для представительства государства { $b_name } — { $list_b }
parity-said-limit-pair = { $counting }: { $a_name } — { $x }, { $b_name } — { $y }
parity-said-different-ways = лимиты расходятся: { $list }
