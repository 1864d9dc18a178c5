## The phrases-alerts area: sentences the domain says, worded here (see web/i18n.rs).
# Предупреждения. Государства названы по имени в записи (аргументы *_name), коды — по их
# подписям (*_label); даты — как в записи.

alert-said-days = { $n ->
    [one] { $n } день
    [few] { $n } дня
    [many] { $n } дней
   *[other] { $n } дня
}
alert-said-day-span = от { $least } до { $most } { $most ->
    [one] дня
   *[other] дней
}
alert-said-last-day = сегодня последний день
alert-said-left = до конца срока: { $days }

alert-said-case = { $case } ({ $kind_label }, { $city }, { $date })
alert-said-member = { $name_shown } ({ $category_label }, представительство государства { $sending_name }, { $post_shown })
alert-said-png = { $member }, персона нон грата (решение государства { $by_name } от { $declared })

alert-said-clock-overdue = Срок «{ $clock_label }» по делу { $case } пропущен на { $late }: он истёк { $due }.
alert-said-clock-due = Срок «{ $clock_label }» по делу { $case } истекает { $tomorrow ->
    [yes] завтра
   *[no] сегодня
}.
alert-said-clock-may-be-overdue = Срок «{ $clock_label }» по делу { $case }, возможно, пропущен: он истекает между { $earliest } и { $due }, так как дата дела известна лишь как { $case_date }.
alert-said-png-overdue = { $png }: выезд не отмечен, хотя срок выезда ({ $deadline }) истёк { $late } назад.
alert-said-png-due = { $png }: выехать нужно до { $deadline } включительно; { $left }.
alert-said-png-may-be-overdue = { $png }: срок выезда ({ $deadline }), возможно, уже истёк — до последнего возможного дня срока: { $left }, с первого возможного дня прошло: { $late }; выезд не отмечен.
alert-said-cap-by-members = { $may ->
    [yes] Возможно, превышен
   *[no] Превышен
} потолок { $cap }, действующий с { $since } (мера { $measure }): сотрудников представительства государства { $sending_name } в государстве пребывания { $host_name } по записи { $counted } (счёт: { $counting_label }).
alert-said-commitment-overdue = Обязательство ({ $by_names }) просрочено на { $late }: «{ $text }», срок — { $due }.
alert-said-commitment-due = Наступил срок обязательства ({ $by_names }), срок — { $due }: «{ $text }».
alert-said-vacant = Представительство государства { $sending_name } в государстве пребывания { $host_name } остаётся без главы с { $since } ({ $age }).
alert-said-vacant-charge = Представительство государства { $sending_name } в государстве пребывания { $host_name } остаётся без главы с { $since } ({ $age }); временный поверенный в делах — { $charge_shown }.
alert-said-headline-above-cap = Численность представительства государства { $sending_name } в государстве пребывания { $host_name } на { $date } ({ $value }) превышает действующий потолок { $cap } (мера { $measure }).
alert-said-staff-figure-stale = Последние данные о численности представительства государства { $sending_name } в государстве пребывания { $host_name } ({ $value }, на { $date }) на { $on } устарели: им { $age }.
alert-said-agrement-pending = Агреман на главу представительства государства { $sending_name } в государстве пребывания { $host_name } (кандидат — { $person_shown }) запрошен { $since }; ответа нет уже { $age } (обычно ответ дают примерно за { $norm } { $norm ->
    [one] день
    [few] дня
   *[other] дней
}).
alert-said-measure-takes-effect = Мера государства { $actor_name } в отношении государства { $target_name } вступает в силу { $effective }: { $summary_clause }.
alert-said-measure-expires = Мера государства { $actor_name } в отношении государства { $target_name } истекает { $expires }, если её не продлят: { $summary_clause }.
