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
error-no-page = Страницы { $path } нет.
error-too-long = Запрос выполнялся слишком долго.
error-not-state-code = `{ $code }` не является кодом государства: { $why }
error-bad-as-of = `as_of` не является датой (ГГГГ-ММ-ДД): { $why }
error-bad-known-through = `known_through` не является номером записи (целым числом): `{ $value }`

days = { $n ->
    [one] { $n } день
    [few] { $n } дня
   *[many] { $n } дней
}
