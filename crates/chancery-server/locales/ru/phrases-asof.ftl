## The phrases-asof area: sentences the domain says, worded here (see web/i18n.rs).
# Каким мог быть день иначе, если событие, датированное периодом, к этому дню могло ещё не
# произойти. Лица названы так, как их называет страница.

asof-said-or = { $first } или { $rest }
asof-said-post = { $status ->
    [open] открыто
    [suspended] работа приостановлена
    [closed] закрыто
   *[none] ещё не открыто
}
asof-said-premises = { $status ->
    [in_use] используется
    [access_barred] доступ закрыт
    [seized] изъят
    [returned] возвращён
    [released] освобождён
    [status_removed] в собственности, дипломатический статус снят
   *[none] ещё не приобретён
}
asof-said-member = { $status ->
    [notified] уведомлено о назначении, ещё не прибыл(а)
    [arrived] прибыл(а)
    [declared_png] объявлен(а) персоной нон грата
    [departed] выбыл(а)
   *[none] о назначении ещё не уведомлено
}
asof-said-head-away = { $person } — в должности, отсутствует
asof-said-head-present = { $person } — в должности и на месте
asof-said-head-vacant = должность главы представительства вакантна
asof-said-head-none = глава представительства в записи не значится
asof-said-head-charge = { $head }; временный поверенный в делах — { $person }
