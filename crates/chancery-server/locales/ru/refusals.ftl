## The refusals area: sentences the domain says, worded here (see web/i18n.rs).
# Отказ, изложенный по коду правила, когда в нём нет собственных сведений.

refusal-rule-unknown_state = Указанное в акте государство не зарегистрировано.
refusal-rule-same_state = Отношения устанавливаются между двумя разными государствами.
refusal-rule-duplicate_id = Этот идентификатор уже присвоен: идентификатор закрепляется за одним объектом навсегда.
refusal-rule-unknown_post = Указанное в акте представительство в записи не значится.
refusal-rule-unknown_premises = Указанные в акте помещения в записи не значатся.
refusal-rule-unknown_member = Указанный в акте сотрудник в записи не значится.
refusal-rule-unknown_measure = Указанная в акте мера в записи не значится.
refusal-rule-unknown_round = Указанный в акте раунд переговоров в записи не значится.
refusal-rule-post_not_open = На дату акта представительство не открыто.
refusal-rule-post_not_suspended = Работа представительства не приостановлена.
refusal-rule-post_already_closed = Представительство уже закрыто.
refusal-rule-post_not_in_relation = Указанное представительство или государство не относится к данным отношениям.
refusal-rule-premises_not_in_use = Помещения не используются представительством.
refusal-rule-premises_not_restricted = Доступ в помещения не ограничен.
refusal-rule-premises_already_released = Помещения уже освобождены.
refusal-rule-premises_restricted = Доступ в помещения ограничен.
refusal-rule-premises_status_not_removed = Дипломатический статус помещений не снят.
refusal-rule-family_of_mismatch = Член семьи может относиться лишь к сотруднику того же представительства.
refusal-rule-premises_action_by_non_host = Закрыть доступ в помещения, изъять их или лишить их дипломатического статуса может только государство пребывания.
refusal-rule-member_already_arrived = Сотрудник уже прибыл либо больше не числится в составе персонала.
refusal-rule-member_not_on_staff = Указанное лицо не числится в составе персонала.
refusal-rule-png_by_non_host = Объявить сотрудника представительства персоной нон грата может только государство пребывания.
refusal-rule-cap_exceeded = Прибытие сотрудника привело бы к превышению установленного потолка численности.
refusal-rule-agrement_refused = В агремане отказано.
refusal-rule-head_already_in_post = Глава представительства уже приступил к исполнению обязанностей.
refusal-rule-not_head_in_post = Указанное лицо не является действующим главой представительства.
refusal-rule-head_not_absent = Глава представительства не отсутствует.
refusal-rule-head_already_absent = Глава представительства уже отсутствует.
refusal-rule-not_charge = Указанное лицо не является временным поверенным в делах.
refusal-rule-answers_later_act = Ответом может быть лишь ответ на более ранний акт.
refusal-rule-answers_own_side = Ответная мера принимается лишь в ответ на акт другой стороны.
refusal-rule-measure_needs_cap = Для этой меры необходимо указать потолок численности.
refusal-rule-measure_already_lifted = Мера уже отменена.
refusal-rule-lift_before_imposition = Мера не может быть отменена ранее её введения.
refusal-rule-event_not_liftable = Разовое действие совершается в свою дату: отменять или смягчать в нём нечего.
refusal-rule-dates_out_of_order = Даты указаны в неверной последовательности.
refusal-rule-post_not_closed = Представительство не закрыто.
refusal-rule-closure_still_in_force = Мера, которой закрыто представительство, не отменена.
refusal-rule-character_mismatch = Характер меры не соответствует её виду или условиям.
refusal-rule-capacity_mismatch = Мера не может быть принята в таком качестве.
refusal-rule-routed_service_offered = Заявителей направляют в другое представительство лишь по услугам, которые это представительство больше не оказывает.
refusal-rule-replacements_barred = В представительстве действует запрет на замену сотрудников.
refusal-rule-not_a_claim = Такой акт не оформляется как заявление стороны.
refusal-rule-unknown_claim = Указанное заявление стороны в записи не значится.
refusal-rule-claim_already_answered = На это заявление стороны уже дан ответ.
refusal-rule-scope_outside_relation = Сфера действия выходит за пределы данных отношений.
refusal-rule-invalid_supersede = Акт не может исправить указанный в нём акт.
refusal-rule-later_act_invalidated = Запись этого акта сделала бы недействительным более поздний акт.
refusal-rule-act_before_subject_exists = Акт датирован ранее возникновения того, к чему он относится.
refusal-rule-unknown_commitment = Указанное в акте обязательство в записи не значится.
refusal-rule-commitment_closed = Обязательство уже закрыто.
refusal-rule-commitment_kept_needs_act = Для исполненного обязательства необходимо указать подтверждающий акт.
refusal-rule-unknown_case = Указанное в акте дело в записи не значится.
refusal-rule-case_closed = Дело закрыто.
refusal-rule-case_denial_needs_measure = Для отказа в доступе по делу необходимо указать меру, которой он установлен.
refusal-rule-case_personal_data = Персональные данные по делу не могут быть общедоступными.
refusal-rule-lift_by_non_actor = Отменить меру может только государство, которое её приняло.
refusal-rule-visibility_outside_relation = Доступ предоставлен организации, не участвующей в данных отношениях.
refusal-rule-act_outside_relation = Акт должен относиться к одним отношениям.
refusal-rule-date_in_future = Акт датирован позднее дня его записи.
refusal-rule-implausible_date = Дата неправдоподобна; если она верна, подтвердите её.
refusal-rule-duplicate_event = Это событие уже записано.
refusal-rule-deadline_before_date = Срок истекает ранее даты акта.
refusal-rule-invalid_withdrawal = Этот акт не может быть отозван.
refusal-rule-act_already_withdrawn = Акт уже отозван.
refusal-rule-withdrawn_act_has_dependants = Акт не может быть отозван, пока на нём основан более поздний акт.
refusal-rule-visibility_wider_than_subject = Доступ к акту был бы шире, чем к тому, к чему он относится.
refusal-rule-visibility_changed_by_correction = Исправление сохраняет доступ исправляемого акта.
refusal-rule-visibility_differs_from_subject = Доступ к акту отличается от доступа к тому, к чему он относится.
refusal-rule-visibility_must_be_public = Этот акт должен быть общедоступным.

# Отказ с его сведениями. Даты — как в записи; выбор по $thing, $term и $code.

refusal-days = { $n ->
    [one] { $n } день
    [few] { $n } дня
   *[many] { $n } дней
}
refusal-days-after = { $n ->
    [one] { $n } дня
   *[other] { $n } дней
}
refusal-years = { $n ->
    [one] { $n } год
    [few] { $n } года
   *[many] { $n } лет
}
refusal-term = { $term ->
    [effective] Дата вступления в силу
    [deadline] Срок исполнения
   *[expires] Дата истечения
}
refusal-said-unknown = { $code ->
    [unknown_post] Представительство «{ $id }» в записи не значится.
    [unknown_premises] Помещения «{ $id }» в записи не значатся.
    [unknown_member] Сотрудник «{ $id }» в записи не значится.
    [unknown_measure] Мера «{ $id }» в записи не значится.
    [unknown_commitment] Обязательство «{ $id }» в записи не значится.
    [unknown_case] Дело «{ $id }» в записи не значится.
    [unknown_round] Раунд переговоров «{ $id }» в записи не значится.
   *[other] Идентификатор «{ $id }» в записи не значится.
}
refusal-said-duplicate = Идентификатор «{ $id }» уже присвоен { $thing ->
    [post] представительству
    [premises] помещениям
    [member] сотруднику
    [measure] мере
    [commitment] обязательству
    [case] делу
    [round] раунду переговоров
   *[other] другому объекту
}: идентификатор закрепляется за одним объектом навсегда.
refusal-said-no-such-act = Акт № { $seq } не существует.
refusal-said-state-not-registered = Государство { $state } не зарегистрировано: сначала запишите акт о его регистрации.
refusal-said-same-state = В обоих полях указано одно и то же государство ({ $state_name }): отношения устанавливаются между двумя государствами.
refusal-said-post-not-open = { $closed ->
    [yes] Представительство «{ $post }» на { $date } закрыто (с { $since }).
   *[no] Представительство «{ $post }» на { $date } ещё не открыто.
}
refusal-said-act-in-future = Акт датирован { $date }, то есть позднее { $limit }: акт записывается после того, как он совершён{ $measure ->
    [yes] , а мера — не ранее чем за { $days } до вступления в силу.
   *[no] .
}
refusal-said-term-in-future = { $term_name } ({ $date }) позднее { $limit }: допускается не более { $days_after } после дня записи меры.
refusal-said-date-before-year = Акт датирован { $date }, то есть ранее { $year } года; если дата верна, подтвердите её отметкой «Дата подтверждена».
refusal-said-date-before-record = Акт датирован { $date } — более чем за { $years } до начала записи по данным отношениям ({ $first }); если дата верна, подтвердите её отметкой «Дата подтверждена».
refusal-said-deadline-before-date = Срок ({ $deadline }) истекает ранее даты акта ({ $date }).
refusal-said-term-before-date = { $term_name } ({ $term_date }) предшествует дате акта ({ $date }).
refusal-said-expires-before-effect = Дата истечения меры ({ $expires }) предшествует дате её вступления в силу ({ $effective }).
refusal-said-cap-exceeded = Прибытие сотрудника «{ $member }» { $date } довело бы численность персонала, учитываемого мерой «{ $measure }» ({ $counting_label }), до { $count } при потолке { $cap }; если прибытие всё же состоялось, запишите его с отметкой о нарушении и обоснованием.
refusal-said-replacements-barred = Сотрудник «{ $member }» не может прибыть { $date }: мера «{ $measure }» запрещает замену сотрудников ({ $counting_label }) в этом представительстве; если прибытие всё же состоялось, запишите его с отметкой о нарушении и обоснованием.
refusal-said-closure-still-in-force = Представительство «{ $post }» не может возобновить работу { $date }: мера «{ $measure }», которой оно закрыто, не отменена.
refusal-said-withdrawal-blocked = Акт № { $old } не может быть отозван, пока на нём основан акт № { $at }: сначала отзовите акт № { $at }.
refusal-said-later-act-invalidated = Запись этого акта сделала бы недействительным акт № { $at }. { $why }

# Статья договора: сначала статьи, затем конвенция; $n может перечислять несколько статей («9, 37»).
refusal-convention = { $articles } { $convention ->
    [vcdr] ВКДС
   *[vccr] ВККС
}
refusal-art = ст. { $n }
refusal-art-paragraph = п. { $p } ст. { $n }
refusal-art-subparagraph = подп. «{ $s }» п. { $p } ст. { $n }
refusal-art-letter = подп. «{ $s }» ст. { $n }
