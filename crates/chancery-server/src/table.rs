//! The route table: every route with the access it needs. The router and the authorisation
//! table are both built from it, so no route exists without a rule.

use std::collections::HashMap;
use std::sync::Arc;

use axum::http::Method;
use axum::routing::MethodRouter;
use axum::Router;
use chancery_accounts::Permission;

/// What a route needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Access {
    /// Anyone: health, the API description, the style sheet, the login form.
    Open,
    /// A signed-in user or token (their own account pages, logout).
    SignedIn,
    /// One permission of the role table.
    Needs(Permission),
    /// Recording acts: an editor's or a negotiator's; the act's kind decides which.
    Record,
    /// The operator's administrators and auditors (users of the `operator` organisation):
    /// what the whole service is doing (`/metrics`), which is no ministry's business.
    Operator,
}

/// One route as declared: the matrix test enumerates these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteSpec {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
}

/// Builds the router and its access table together.
pub struct Routes<S> {
    router: Router<S>,
    table: Vec<RouteSpec>,
}

impl<S: Clone + Send + Sync + 'static> Default for Routes<S> {
    fn default() -> Self {
        Routes {
            router: Router::new(),
            table: Vec::new(),
        }
    }
}

impl<S: Clone + Send + Sync + 'static> Routes<S> {
    pub fn route(
        mut self,
        method: Method,
        path: &'static str,
        access: Access,
        handler: MethodRouter<S>,
    ) -> Self {
        self.table.push(RouteSpec {
            method,
            path,
            access,
        });
        self.router = self.router.route(path, handler);
        self
    }

    pub fn merge(mut self, other: Routes<S>) -> Self {
        self.router = self.router.merge(other.router);
        self.table.extend(other.table);
        self
    }

    pub fn into_parts(self) -> (Router<S>, Vec<RouteSpec>) {
        (self.router, self.table)
    }
}

pub type AccessTable = Arc<HashMap<(Method, &'static str), Access>>;

pub fn table_index(table: &[RouteSpec]) -> AccessTable {
    Arc::new(
        table
            .iter()
            .map(|r| ((r.method.clone(), r.path), r.access))
            .collect(),
    )
}
