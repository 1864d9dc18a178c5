## The phrases-consular area: sentences the domain says, worded here (see web/i18n.rs).
# Примечания о пропускной способности учреждения, примечания к сценарию и сведения о выданных
# документах. Коды — по подписям (*_label), учреждения — по названию на русском языке, если оно
# есть в записи (*_shown), числа — с разрядами через пробел (*_ru), даты — как в записи.

consular-said-limit-unsized = ограничение на местный персонал (мера { $measure }) действует, но его величина в записи не указана: не применяется
consular-said-local-staff-held = численность местного персонала — не более { $limit } согласно мере { $measure }, действующей с { $since } (ограничение на всё представительство применено к каждому учреждению полностью: это верхняя оценка)
consular-said-local-staff-unreported = численность местного персонала не сообщалась: предполагается полная поддержка
consular-said-no-staff-figure = данных о численности консульского персонала в записи нет: пропускная способность не рассчитана
consular-said-staff-figure-old = данные о численности персонала устарели: им { $days } { $days ->
    [one] день
    [few] дня
   *[many] дней
} (по состоянию на { $date })
consular-said-unserved = услуга «{ $service_label }» не оказывается за отсутствием пропускной способности: без обслуживания остаётся { $per_week } { $per_week ->
    [one] заявитель
    [few] заявителя
   *[many] заявителей
} в неделю
consular-said-waits-not-simulated = сроки ожидания не моделировались: { $why }
consular-said-budget = моделирование около { $applicants_ru } заявителей превысило бы предел расчёта для одного ответа ({ $budget_ru } на все учреждения, осталось { $left_ru })
consular-said-model-refused = модель очереди отклонила исходные данные

consular-said-lift-unsized = снятие меры { $measure } ничего не меняет: её величина в записи не указана, и она не применялась
consular-said-lift-still-bound = снятие меры { $measure } (предел — { $limit }) ничего не меняет: по-прежнему действует не снятое сценарием ограничение — не более { $binding } { $binding ->
    [one] местного сотрудника
   *[other] местных сотрудников
}
consular-said-one-replication = один прогон: диапазона нет (10-й и 90-й процентили совпадают с единственным результатом); чтобы получить диапазон, задайте больше прогонов
consular-said-change-held = изменение № { $number }: численность местного персонала ограничена величиной { $to } — действует ограничение, которое сценарий не снимает
consular-said-ramp-full-support = численность местного персонала не сообщалась: изменения отсчитываются от полной поддержки ({ $per_officer } на одного консульского сотрудника)
consular-said-no-waits = нет услуги, для которой известны и спрос, и производительность: сроки ожидания не моделируются
consular-said-no-appointments = { $run_label }: в { $closed } из { $weeks } { $weeks ->
    [one] недели
   *[other] недель
} приём не вёлся (нет рабочего времени консульских сотрудников); поданные в это время заявки не записываются
consular-said-unbooked = { $run_label }, услуга «{ $service_label }»: в течение { $weeks } { $weeks ->
    [one] недели
   *[other] недель
} заявки не удавалось записать (нет свободной даты в пределах { $lookahead } дней); их ожидание считается превышающим { $lookahead } дней
consular-said-run-baseline = базовый вариант
consular-said-run-scenario = сценарий

consular-said-issued = выдано за { $period }: { $issued_ru }; учтены: { $services }
consular-said-period-span = период с { $start } по { $end }
consular-said-every-nonimmigrant = неиммиграционные визы всех категорий
consular-said-some-nonimmigrant = неиммиграционные визы ({ $classes })
consular-said-class-nonimmigrant_visitor = туристы и гости
consular-said-class-nonimmigrant_student_exchange = учёба и обмены
consular-said-class-nonimmigrant_work = работа по найму
consular-said-and = { $init } и { $last }
consular-said-estimate = оценка
consular-said-together = совместный показатель; учтены также: { $posts_shown }
consular-said-confidence = { $confidence_label }
consular-said-source = источник: { $source }
consular-said-no-source = источник не указан
