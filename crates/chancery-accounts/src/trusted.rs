//! Clients an account signed in from: addresses, and browsers holding a device cookie (the
//! "device cookie" defence against online guessing that OWASP describes). Their sign-ins are
//! not subject to the account's throttle, so an attack on an account from elsewhere does not
//! keep its user out; they are kept in the accounts store, so a restart forgets none of them.

use rusqlite::params;

use crate::secret::digest;
use crate::store::{Store, StoreError};

/// How long a client stays trusted after its last sign-in.
pub const TRUSTED_FOR: i64 = 30 * 24 * 60 * 60 * 1_000_000;
/// Clients kept per account and kind; the least recently used makes way.
const PER_ACCOUNT: i64 = 8;

/// A client that signs in: where from, and the device cookie its browser brought, if any.
#[derive(Clone, Copy, Debug)]
pub struct Client<'a> {
    pub address: &'a str,
    pub device: Option<&'a str>,
}

fn address_key(address: &str) -> String {
    format!("address:{address}")
}

/// Device cookies are secrets: only their digest is kept.
fn device_key(device: &str) -> String {
    format!("device:{}", digest(device))
}

impl Store {
    /// Whether `user` signed in from this address, or with this device cookie, in the last
    /// [`TRUSTED_FOR`].
    pub fn is_trusted(&self, user: i64, client: Client<'_>, now: i64) -> Result<bool, StoreError> {
        let address = address_key(client.address);
        let device = client.device.map(device_key).unwrap_or_default();
        let n: i64 = self.conn().query_row(
            "SELECT COUNT(*) FROM trusted_clients
             WHERE user_id = ?1 AND client IN (?2, ?3) AND last_at > ?4",
            params![user, address, device, now - TRUSTED_FOR],
            |r| r.get(0),
        )?;
        Ok(n > 0)
    }

    /// Whether `device` is a device cookie `user` was given at a sign-in in the last
    /// [`TRUSTED_FOR`].
    pub fn is_device_trusted(&self, user: i64, device: &str, now: i64) -> Result<bool, StoreError> {
        let n: i64 = self.conn().query_row(
            "SELECT COUNT(*) FROM trusted_clients WHERE user_id = ?1 AND client = ?2 AND last_at > ?3",
            params![user, device_key(device), now - TRUSTED_FOR],
            |r| r.get(0),
        )?;
        Ok(n > 0)
    }

    /// Remembers a successful sign-in of `user` from `client` (and the device cookie it is
    /// given, if any), keeping the [`PER_ACCOUNT`] most recent of each kind.
    pub fn trust(&self, user: i64, client: Client<'_>, now: i64) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let keys =
            std::iter::once(address_key(client.address)).chain(client.device.map(device_key));
        for key in keys {
            tx.execute(
                "INSERT INTO trusted_clients (user_id, client, last_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (user_id, client) DO UPDATE SET last_at = excluded.last_at",
                params![user, key, now],
            )?;
        }
        for kind in ["address:%", "device:%"] {
            tx.execute(
                "DELETE FROM trusted_clients WHERE user_id = ?1 AND client LIKE ?2 AND client NOT IN
                   (SELECT client FROM trusted_clients WHERE user_id = ?1 AND client LIKE ?2
                    ORDER BY last_at DESC LIMIT ?3)",
                params![user, kind, PER_ACCOUNT],
            )?;
        }
        tx.execute(
            "DELETE FROM trusted_clients WHERE user_id = ?1 AND last_at <= ?2",
            params![user, now - TRUSTED_FOR],
        )?;
        tx.commit()?;
        Ok(())
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
    fn trusted_clients_survive_reopening_expire_and_are_bounded() {
        let (dir, store, ann) = store_with_user();
        let home = Client {
            address: "10.0.0.1",
            device: Some("cookie-1"),
        };
        store.trust(ann, home, 100).unwrap();
        drop(store);
        let store = Store::open(&dir.path().join("a.accounts")).unwrap();
        let elsewhere = Client {
            address: "192.0.2.9",
            device: None,
        };
        let same_browser_elsewhere = Client {
            address: "192.0.2.9",
            device: Some("cookie-1"),
        };
        assert!(store.is_trusted(ann, home, 200).unwrap());
        assert!(!store.is_trusted(ann, elsewhere, 200).unwrap());
        assert!(store.is_trusted(ann, same_browser_elsewhere, 200).unwrap());
        assert!(!store.is_trusted(ann, home, 100 + TRUSTED_FOR).unwrap());
        for i in 0..20 {
            let address = format!("10.1.0.{i}");
            let device = format!("cookie-{i}");
            let c = Client {
                address: &address,
                device: Some(&device),
            };
            store.trust(ann, c, 1_000 + i).unwrap();
        }
        let kept: i64 = store
            .conn()
            .query_row("SELECT COUNT(*) FROM trusted_clients", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, 2 * PER_ACCOUNT);
        store.set_password_hash(ann, "new hash", 3_000).unwrap();
        assert!(!store
            .is_trusted(
                ann,
                Client {
                    address: "10.1.0.19",
                    device: None
                },
                3_000
            )
            .unwrap());
    }
}
