//! A consular page's notes in the page's language, from what the domain says.
