# Оболочка страницы: шапка, навигация, форма даты, подвал и страницы ошибок.

site-name = Chancery
skip-to-content = Перейти к содержанию
nav-main = Основная навигация
nav-overview = Обзор
nav-roadmap = Дорожная карта
nav-what-if = Что если
nav-acts = Записи
nav-record = Внести запись
nav-users = Пользователи
nav-account = Учётная запись
nav-sign-out = Выйти
nav-sign-in = Войти
lang-switch = Язык
asof-form = Дата представления
asof-label = На дату
asof-known-through = С учётом записей по №
asof-show = Показать
known-through-notice = С учётом записей по № { $seq }: записи и исправления, внесённые позже, не показаны. Очистите поле «С учётом записей по №» выше, чтобы увидеть всю запись.
footer-as-of = Показаны сведения на
footer-known-through = , с учётом записей по № { $seq }
footer-keeps = . Все ссылки на этой странице сохраняют это представление.
go-to-overview = Перейти к обзору

reader-public = открытые сведения
reader-party = министерство { $state }: открытые, двусторонние и ваши внутренние сведения
reader-mediator = посредник: открытые и двусторонние сведения

error-bad-request = Неверный запрос
error-not-allowed = Нет доступа
error-not-found = Не найдено
error-refused = Отказано
error-unavailable = Служба недоступна
error-internal = Внутренняя ошибка
error-no-page = Страницы по адресу { $path } нет.
error-too-long = Запрос выполнялся слишком долго.
error-not-state-code = «{ $code }» не является кодом государства по ISO 3166-1 (две латинские буквы, например US).
error-bad-as-of = Дата представления (as_of) «{ $value }» указана неверно: нужна дата в виде ГГГГ-ММ-ДД.
error-bad-known-through = Параметр known_through: «{ $value }» не является номером записи (целым числом).
error-internal-text = Сервер не смог выполнить запрос.
error-journal-failed = После сбоя хранилища журнал перестал принимать записи; сервер необходимо перезапустить.
error-unknown-state = Государство с кодом { $code } не зарегистрировано.
error-same-state = Отношения связывают два разных государства, а код { $code } указан дважды.
error-no-post = Загранучреждения «{ $id }» в этих отношениях на { $date } нет.
error-no-measure = Меры «{ $id }» в этих отношениях на { $date } нет.
error-no-person = Лица по имени «{ $name }» на { $date } в записях нет.
error-no-round = Раунда переговоров «{ $id }» на { $date } нет.
error-no-commitment = Обязательства «{ $id }» на { $date } нет.
error-role-forbids = Ваша роль не позволяет выполнить этот запрос.
error-sign-in = Войдите в систему или передайте заголовок `Authorization: Bearer <token>`.
error-bad-token = Токен доступа недействителен: он неизвестен, отозван или его пользователь отключён.
error-accounts-unavailable = Хранилище учётных записей сейчас недоступно, поэтому нельзя проверить, кто обращается; повторите попытку через несколько секунд.
error-cross-origin = Запрос с другого сайта отклонён: запросы, изменяющие запись, принимаются только со страниц этого сайта или с токеном доступа.

days = { $n ->
    [one] { $n } день
    [few] { $n } дня
   *[many] { $n } дней
}

# Слова, общие для многих страниц.
since = с
none = нет
none-sentence = Нет.
due = срок
overdue = просрочено
within-due-period = в пределах срока
unknown = неизвестно
not-on-record = нет сведений
not-recorded = не зафиксировано
vacant = Вакантно
away-since = отсутствует с
away-since-unreported = отсутствует с неуказанной даты
credentials-presented = верительные грамоты вручены
uncertain-that-day = На эту дату не установлено
otherwise = иначе
by-event-dated = по событию от
head-start-unknown = в должности до первого упоминания в записи; дата начала неизвестна
head-of-mission = Глава представительства
charge-d-affaires = Временный поверенный в делах
staff = Персонал
no-mission-figure = данных о численности всего представительства нет
sub-counts = Частичные подсчёты
sub-count = частичный подсчёт
individuals-present = { $n ->
    [one] { $n } сотрудник в записи на месте
    [few] { $n } сотрудника в записи на месте
   *[many] { $n } сотрудников в записи на месте
}
family-present = { $n ->
    [one] { $n } член семьи на месте (не персонал, ст. 37 ВКДС)
    [few] { $n } члена семьи на месте (не персонал, ст. 37 ВКДС)
   *[many] { $n } членов семей на месте (не персонал, ст. 37 ВКДС)
}
caps-in-force = Действующие потолки
cap-at-parity = на паритете: по численности другого представительства
cap-not-counted = не учитывается в паритете:
measures-in-force = Действующие меры
measures-in-force-count = { $n ->
    [one] { $n } действующая мера
    [few] { $n } действующие меры
   *[many] { $n } действующих мер
}
missions-of = Представительства: { $state }
posts = Представительства
premises = Объекты
col-post = Представительство
col-status = Статус
col-consular-service = Консульское обслуживание
col-taken = Дата
col-ref = Ссылка
col-by = Кем
col-kind = Вид
col-summary = Кратко
col-answers = Ответ на
col-status-on = Статус на
index-base = 100 на { $date }
index-uncertain = не установлено: от { $lo } до { $hi }
