# Signing in, the account page and the users page.

account-username = Username
account-password = Password
account-created-by = Accounts are created by an administrator
account-or-users-page = or the Users page
account-sign-in-failed = Sign-in failed. Check the username and password, or try again later.
account-yours = Your account
account-organisation = Organisation
account-role = Role
account-you-see = You see
account-sign-out-everywhere = Sign out everywhere
account-change-password = Change your password
account-current-password = Current password
account-new-password = New password
account-new-password-help = At least 12 characters. Changing it signs you out everywhere else.
account-change-password-button = Change password
account-password-changed = Your password was changed; your other sessions were signed out.
account-password-wrong = The current password is not right.
account-users-of = Users of
account-added = Added
account-password-once = Their password, shown this once:
account-state = State
account-disable = Disable
account-add-user = Add a user
account-add = Add
error-not-signed-in = Not signed in
