# Подписи закрытых словарей: сообщение `<словарь>-<код>`.

post-kind-embassy = посольство
post-kind-consulate_general = генеральное консульство
post-kind-consulate = консульство
post-kind-mission_to_io = представительство при международной организации
post-kind-annex = отделение
post-kind-cultural_institute = культурный центр
post-kind-trade_representation = торговое представительство

post-status-open = открыто
post-status-suspended = работа приостановлена
post-status-closed = закрыто

premises-kind-chancery = Канцелярия
premises-kind-residence = Резиденция
premises-kind-compound = Комплекс зданий
premises-kind-warehouse = Склад
premises-kind-annex = Пристройка

staff-category-head_of_mission = Глава представительства
staff-category-diplomatic = Дипломатический персонал
staff-category-administrative_technical = Административно-технический персонал
staff-category-service = Обслуживающий персонал
staff-category-locally_employed = Местный персонал
staff-category-private_servant = Домашние работники
staff-category-family = Члены семей

measure-kind-expulsion = Высылка
measure-kind-staff_cap = Потолок численности персонала
measure-kind-local_staff_limit = Ограничение на местный персонал
measure-kind-post_closure = Закрытие представительства
measure-kind-premises_access_barred = Закрыт доступ к объекту
measure-kind-premises_seized = Объект изъят
measure-kind-visa_restriction = Визовое ограничение
measure-kind-travel_restriction = Ограничение на передвижение
measure-kind-consular_service_restriction = Ограничение консульских услуг
measure-kind-banking_restriction = Банковское ограничение
measure-kind-official_visitor_quota = Квота на официальных визитёров
measure-kind-replacements_barred = Запрет на ротацию
measure-kind-summons = Вызов в министерство
measure-kind-search = Обыск
measure-kind-recall_for_consultation = Отзыв для консультаций
measure-kind-consular_access_denied = Отказ в консульском доступе
measure-kind-other = Иная мера

character-event = разовое событие
character-standing = действующая мера

capacity-host_government = правительство страны пребывания
capacity-sending_state = аккредитующее государство
capacity-local_authority = местные власти
capacity-legislature = законодательная власть
capacity-court = суд
capacity-private = частное лицо

confidence-high = высокая достоверность
confidence-medium = средняя достоверность
confidence-low = низкая достоверность

bound-exact = ровно
bound-about = около
bound-at_least = не менее
bound-more_than = более
bound-at_most = не более

counting-all_staff = весь персонал
counting-sending_state_staff = персонал, направленный аккредитующим государством
counting-diplomatic = дипломатический персонал
counting-administrative_technical = административно-технический персонал
counting-service = обслуживающий персонал
counting-locally_employed = местный персонал

staff-figure-let_go = уволенный персонал
staff-figure-headcount = численность

service-level-full = полное
service-level-limited = ограниченное
service-level-emergency_only = только экстренное
service-level-none = не оказывается

consular-service-nonimmigrant_visitor = Неиммиграционные визы: туристы и гости
consular-service-nonimmigrant_student_exchange = Неиммиграционные визы: учёба и обмены
consular-service-nonimmigrant_work = Неиммиграционные визы: работа
consular-service-diplomatic_official = Дипломатические и служебные визы
consular-service-immigrant_visa = Иммиграционные визы
consular-service-passports_citizenship = Паспорта и гражданство
consular-service-emergency_citizen_services = Экстренная помощь гражданам
consular-service-notarial_civil_status = Нотариальные действия и акты гражданского состояния
consular-service-detainee_visits = Посещение задержанных граждан
consular-service-trade_promotion = Содействие торговле
consular-service-commercial_services = Коммерческие услуги

commitment-status-open = открыто
commitment-status-in_progress = выполняется
commitment-status-kept = выполнено
commitment-status-broken = нарушено
commitment-status-withdrawn = отозвано

case-kind-arrest = Арест
case-kind-detention = Задержание
case-kind-death = Смерть
case-kind-emergency = Чрезвычайная ситуация

case-step-informed_of_consular_rights = Разъяснено право на консульскую помощь
case-step-consulate_notified = Консульство уведомлено
case-step-access_requested = Запрошен консульский доступ
case-step-access_granted = Консульский доступ предоставлен
case-step-access_denied = В консульском доступе отказано
case-step-visit = Консульское посещение
case-step-charged = Предъявлено обвинение
case-step-tried = Суд
case-step-sentenced = Вынесен приговор
case-step-released = Освобождён
case-step-exchanged = Обменян
case-step-closed = Дело закрыто

kind-state_registered = Государство зарегистрировано
kind-post_opened = Открыто представительство
kind-post_suspended = Работа представительства приостановлена
kind-post_resumed = Работа представительства возобновлена
kind-post_closed = Представительство закрыто
kind-post_reopened = Закрытое представительство вновь открыто
kind-consular_services_changed = Изменены консульские услуги
kind-consular_staff_reported = Сообщено о консульском персонале
kind-consular_productivity_set = Установлена производительность консульского отдела
kind-consular_demand_reported = Сообщено о спросе на консульскую услугу
kind-consular_issuance_reported = Сообщено о выданных документах за период
kind-premises_acquired = Объект приобретён
kind-premises_access_barred = Закрыт доступ к объекту
kind-premises_seized = Объект изъят
kind-premises_returned = Объект возвращён
kind-premises_released = Объект освобождён
kind-premises_status_removed = Объект лишён дипломатического статуса
kind-premises_status_restored = Дипломатический статус объекта восстановлен
kind-member_notified = Уведомлено о сотруднике
kind-member_arrived = Сотрудник прибыл
kind-member_declared_png = Сотрудник объявлен персоной нон грата
kind-member_departed = Сотрудник выбыл
kind-agrement_requested = Запрошен агреман
kind-agrement_granted = Агреман предоставлен
kind-agrement_refused = В агремане отказано
kind-hom_appointed = Назначен глава представительства
kind-hom_arrived = Глава представительства прибыл
kind-hom_credentials_copies = Вручены копии верительных грамот
kind-hom_credentials_presented = Вручены верительные грамоты
kind-hom_absent = Глава представительства отсутствует (отозван)
kind-hom_returned = Глава представительства вернулся
kind-hom_departed = Глава представительства выбыл
kind-charge_assumed = Временный поверенный приступил к обязанностям
kind-charge_ended = Временный поверенный завершил обязанности
kind-staffing_reported = Сообщено о численности персонала
kind-measure_imposed = Введена мера
kind-measure_amended = Мера изменена
kind-measure_eased = Мера смягчена
kind-measure_lifted = Мера отменена
kind-round_held = Проведён раунд переговоров
kind-round_cancelled = Раунд переговоров отменён
kind-agreement_recorded = Зафиксирована договорённость
kind-statement_recorded = Зафиксировано заявление
kind-commitment_made = Принято обязательство
kind-commitment_status_changed = Изменён статус обязательства
kind-commitment_kept = Обязательство выполнено
kind-act_withdrawn = Запись отозвана (внесена по ошибке)
kind-claim_disputed = Утверждение другой стороны оспорено
kind-claim_confirmed = Утверждение другой стороны подтверждено
kind-case_opened = Открыто дело гражданина
kind-case_step = Шаг по делу гражданина

round-status-held = проведён
round-status-cancelled = отменён
