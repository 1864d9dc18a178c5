//! Browsers an account signed in with: each successful sign-in gives the browser a device
//! cookie (the "device cookie" defence against online guessing that OWASP describes), and a
//! later sign-in to the same account with it is not held by the account's throttle, so an
//! attack on the account from elsewhere does not keep its user out. Kept in the accounts store,
//! so a restart forgets none; forgotten when the password changes.
//!
//! Addresses are not trusted: behind NAT, a proxy or on one host, an address is shared, and
//! trusting it would lift the account's bound for everyone there.

use crate::secret::digest;
use crate::store::{Store, StoreError};

/// How long a device stays trusted after its last sign-in.
pub const TRUSTED_FOR: i64 = 30 * 24 * 60 * 60 * 1_000_000;
/// Devices kept per account; the least recently used makes way.
const PER_ACCOUNT: i64 = 8;

/// A client that signs in: where from, and the device cookie its browser brought, if any.
#[derive(Clone, Copy, Debug)]
pub struct Client<'a> {
    pub address: &'a str,
    pub device: Option<&'a str>,
}

/// Device cookies are secrets: only their digest is kept.
fn device_key(device: &str) -> String {
    format!("device:{}", digest(device))
}

impl Store {
    /// Whether `device` is a device cookie `user` was given at a sign-in in the last
    /// [`TRUSTED_FOR`].
    pub fn is_device_trusted(&self, user: i64, device: &str, now: i64) -> Result<bool, StoreError> {
        self.port()
            .is_client_trusted(user, &device_key(device), now - TRUSTED_FOR)
    }

    /// Remembers that `user` signed in with `device`, keeping the [`PER_ACCOUNT`] most recent.
    pub fn trust_device(&self, user: i64, device: &str, now: i64) -> Result<(), StoreError> {
        self.port().trust_client(
            user,
            &device_key(device),
            now,
            PER_ACCOUNT,
            now - TRUSTED_FOR,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with_user() -> (tempfile::TempDir, Store, i64) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a.accounts")).unwrap();
        store
            .add_org(&crate::model::Organisation {
                id: "o".parse().unwrap(),
                name: "O".into(),
                kind: crate::model::OrgKind::Mediator,
            })
            .unwrap();
        let id = store
            .add_user(
                &"ann".parse().unwrap(),
                &"o".parse().unwrap(),
                crate::model::Role::Editor,
                "hash",
                0,
            )
            .unwrap();
        (dir, store, id)
    }

    #[test]
    fn trusted_devices_survive_reopening_expire_are_bounded_and_end_with_the_password() {
        let (dir, store, ann) = store_with_user();
        store.trust_device(ann, "cookie-1", 100).unwrap();
        drop(store);
        let store = Store::open(&dir.path().join("a.accounts")).unwrap();
        assert!(store.is_device_trusted(ann, "cookie-1", 200).unwrap());
        assert!(!store.is_device_trusted(ann, "cookie-2", 200).unwrap());
        assert!(!store
            .is_device_trusted(ann, "cookie-1", 100 + TRUSTED_FOR)
            .unwrap());
        for i in 0..20 {
            store
                .trust_device(ann, &format!("cookie-{i}"), 1_000 + i)
                .unwrap();
        }
        let kept: i64 = store
            .raw()
            .query_row("SELECT COUNT(*) FROM trusted_clients", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, PER_ACCOUNT);
        assert!(store.is_device_trusted(ann, "cookie-19", 2_000).unwrap());
        store.set_password_hash(ann, "new hash", 3_000).unwrap();
        assert!(!store.is_device_trusted(ann, "cookie-19", 3_000).unwrap());
    }
}
