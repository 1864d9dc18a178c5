# Повторяющиеся сведения записи (web/words.rs).

missions-in = Загранучреждения: направляющее государство — { $sending }, государство пребывания — { $host }
status-since = { $status } с { $date }
status-known-by = { $status }, известно с { $date }
status-uncertain = на эту дату не установлено: { $otherwise } или { $status } (дата события — { $pending })
post-status-start-unknown = { $status }, дата открытия неизвестна (существовало до начала записи; впервые упомянуто { $opened })
premises-status-start-unknown = { $status }, дата начала неизвестна (объект был до начала записи)

premises-status-in_use = используется
premises-status-access_barred = доступ закрыт
premises-status-seized = изъят
premises-status-returned = возвращён
premises-status-released = освобождён
premises-status-status_removed = в собственности, дипломатический статус снят

counting-long-all_staff = весь персонал, включая местный
counting-long-sending_state_staff = персонал аккредитующего государства, без местного
counting-long-diplomatic = только дипломаты
counting-long-administrative_technical = административно-технический персонал
counting-long-service = обслуживающий персонал
counting-long-locally_employed = местный персонал
counting-with-io = { $what }; включая представительства при международных организациях

age-within = сообщено в течение периода { $date }
age-that-day = сообщено в тот же день
age-days = { $n ->
    [one] { $n } день назад
    [few] { $n } дня назад
   *[many] { $n } дней назад
}
age-months = { $n ->
    [one] { $n } месяц назад
    [few] { $n } месяца назад
   *[many] { $n } месяцев назад
}
age-years = { $n ->
    [one] { $n } год назад
    [few] { $n } года назад
   *[many] { $n } лет назад
}

predates-verb = { $certain ->
    [yes] раньше, чем
   *[no] возможно, раньше, чем
}
predates-expulsion = { predates-verb } высылка { $n } чел. { $date } ({ $by })
predates-ban = { predates-verb } запрет на местный персонал, действующий с { $date } ({ $by }): с тех пор местного персонала нет
predates-cap = { predates-verb } потолок { $cap }, действующий с { $date } ({ $by }): с тех пор не более { $cap } ({ $counting }){ $own ->
    [yes] {""}
   *[no] , по правилу подсчёта потолка, а не этой цифры
}
predates-other = { predates-verb } { $by }, действует с { $date }

staff-figure = { $bound ->
    [about] около {""}
    [at_least] не менее {""}
    [more_than] более {""}
    [at_most] не более {""}
   *[exact] {""}
}{ $n }{ $let_go ->
    [yes] {" "}уволено
   *[no] {""}
}
reported = сообщено
only = только
above-cap = выше потолка { $cap }, уже действующего
recorded-as-reported = записано как сообщено

counting-short-all_staff = весь персонал
counting-short-sending_state_staff = персонал аккредитующего государства
counting-short-diplomatic = дипломаты
counting-short-administrative_technical = административно-технический персонал
counting-short-service = обслуживающий персонал
counting-short-locally_employed = местный персонал

life-in-force = действует
life-announced = объявлена, действует с { $date }
life-uncertain = на эту дату не установлено
life-uncertain-why = Дата, от которой это зависит, неточна (месяц или год), или известно лишь, что мера действовала к более поздней дате.
life-expired = истекла { $date }
life-lifted = снята { $date }
life-happened = событие { $date }, не действует во времени
life-symbolic = символическая
life-low-confidence = низкая достоверность
life-not-counted = не учитывается:
taken-by-host_government = правительство страны пребывания
taken-by-sending_state = собственное решение аккредитующего государства
taken-by-local_authority = местные власти
taken-by-legislature = законодательный орган
taken-by-court = суд
taken-by-private = частная организация

claims = Утверждения сторон
claims-what = То, что министерство одной стороны фиксирует о действиях другого государства. Утверждение не входит в запись: выводы его не учитывают.
claims-none = Утверждений в записи нет.
claim-per = по данным { $state }
claim-of = утверждение министерства иностранных дел государства { $state }
claim-open = открыто: ответа нет
claim-confirmed = подтверждено другой стороной
claim-disputed = оспорено
claim-disputed-because = оспорено: { $reason }
claim-notice = Утверждение министерства иностранных дел государства { $by } о действиях государства { $about }: не входит в запись.
claim-answer = Ответ:
claim-not-answered = Другая сторона не ответила.
act-number = запись №
subject-measure = мера
subject-post = представительство
subject-premises = объект
subject-member = сотрудник
subject-case = дело
subject-round = раунд
subject-commitment = обязательство
subject-act = запись
subject-agreement = договорённость
subject-claim = утверждение
subject-mission = представительство
subject-state = государство
subject-statement = заявление

parity-staff = Персонал
parity-posts_embassy = Посольство открыто
parity-posts_consular = Открытые консульские учреждения
parity-posts_cultural = Открытые культурные центры
parity-posts_io = Представительства при международных организациях
parity-premises_usable = Используемые объекты
parity-local_staff = Допуск местного персонала
parity-staff_cap = Потолок численности персонала
parity-travel = Режим передвижения
parity-diplomatic_visas = Дипломатические визы
parity-consular_service = Консульское обслуживание
parity-visa_services = Визовые услуги по категориям
parity-banking = Банковское обслуживание
parity-official_visitors = Официальные визитёры
parity-head_of_mission = Глава представительства
parity-consular_access = Консульский доступ к задержанным гражданам

index-formula = R_S(t) — сумма весов мер, действующих на день t, которые другое государство приняло против представительств S, и его разовых действий (высылка, вызов в министерство) в течение { $window } дней с их даты (веса: { $weights }), плюс { $head }, пока у представительства S нет главы на месте (должность вакантна или глава отсутствует). index_S(t) = 100 × (K + R_S(база)) / (K + R_S(t)), где K = { $scale }: 100 на базовую дату, ниже 100 — ограничений больше, чем на базовую дату, выше 100 — потепление; K пунктов ограничений вдвое снижают индекс от базы без действующих мер. combined(t) = √(index_A(t) × index_B(t)) — среднее геометрическое двух сторон.
