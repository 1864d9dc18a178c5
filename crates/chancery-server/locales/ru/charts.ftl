# Графики: оси, легенды и текстовые описания для программ экранного доступа.

chart-axis-date = Дата
chart-axis-service = Услуга
chart-levels-title = Объём консульских услуг в учреждении { $post } во времени
chart-levels-not-recorded = не указан
chart-levels-desc = По строке на каждую услугу с { $from } по { $to }; каждая полоса — период с одним объёмом услуг: самая тёмная — полный объём, светлее — ограниченный объём и только экстренные случаи, контур — услуги не оказываются; пропуски — периоды, о которых сведений нет. На { $to }: { $now }.
chart-waits-axis = Дней до приёма
chart-waits-none = { $title }: данных о сроках ожидания для графика нет.
chart-waits-series-desc = { $label }: { $first } дн. для обращений недели с { $first_week } ({ $first_p10 }–{ $first_p90 }), { $last } дн. — недели с { $last_week } ({ $last_p10 }–{ $last_p90 })
chart-waits-desc = { $title }, недели с { $from } по { $to }. { $note } Каждая линия — среднее по прогонам, затенённая полоса — от 10-го до 90-го процентиля. { $said }.
chart-not-drawn = Не удалось построить график «{ $title }»: { $why }
chart-since = с { $date }
chart-from-to = с { $from } по { $to }

chart-staff-title = Численность персонала каждого загранучреждения во времени
chart-staff-axis = Человек
chart-staff-desc = Сообщённая численность персонала — точки, соединённые ступенями, по линии на каждый способ подсчёта; действующие предельные численности — горизонтальные линии с засечками; с { $from } по { $to }. { $said }
chart-staff-no-report = { $label }: сведений нет.
chart-staff-latest = { $label }, { $what }: последние сведения — { $n } на { $date }.
chart-staff-cap-desc = Предельная численность ({ $label }): { $cap }, { $when }.
chart-staff-cap-legend = предельная численность: { $mission }
chart-staff-cap-label = предельная численность ({ $mission }): { $cap }

chart-counts-desc = { $title }, с { $from } по { $to }. { $note } { $said }
chart-counts-latest = { $label }: { $n } на { $date }.
chart-counts-none = { $label }: нет.

chart-timeline-title = Меры во времени и ответы на них
chart-timeline-axis = Мера
chart-timeline-desc = { $n ->
    [one] { $n } мера
    [few] { $n } меры
   *[many] { $n } мер
} с { $from } по { $to }, из них действуют на { $to }: { $in_force }. Полоса идёт от даты вступления меры в силу до её отмены; закрашенные полосы — меры стороны «{ $a }», контурные — стороны «{ $b }»; стрелки ведут от меры к мере, принятой в ответ на неё.
chart-timeline-legend = меры стороны «{ $side }»

chart-index-title = Индекс нормализации во времени
chart-index-axis = Индекс (база = 100)
chart-index-no-value = нет значения
chart-index-last = { $v } на { $date }
chart-index-desc = Индекс нормализации каждой стороны и сводный, 100 — на базовую дату { $baseline }; ниже 100 — больше ограничений, выше — потепление. Сводный: { $last }.
chart-index-combined = сводный
