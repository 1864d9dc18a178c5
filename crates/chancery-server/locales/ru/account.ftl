# Вход, страница учётной записи и страница пользователей.

account-username = Имя пользователя
account-password = Пароль
account-created-by = Учётные записи создаёт администратор
account-or-users-page = или страница «Пользователи»
account-sign-in-failed = Не удалось войти. Проверьте имя пользователя и пароль или повторите попытку позже.
account-yours = Ваша учётная запись
account-organisation = Организация
account-role = Роль
account-you-see = Вам видны
account-sign-out-everywhere = Выйти на всех устройствах
account-change-password = Смена пароля
account-current-password = Текущий пароль
account-new-password = Новый пароль
account-new-password-help = Не менее 12 символов. После смены пароля все другие сеансы будут завершены.
account-change-password-button = Сменить пароль
account-password-changed = Пароль изменён; другие ваши сеансы завершены.
account-password-wrong = Текущий пароль указан неверно.
account-users-of = Пользователи организации
account-added = Добавлен пользователь
account-password-once = Его пароль, показываемый один раз:
account-state = Состояние
account-disable = Отключить
account-add-user = Добавить пользователя
account-add = Добавить
error-not-signed-in = Вход не выполнен
