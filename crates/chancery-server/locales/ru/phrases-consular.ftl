## The phrases-consular area: sentences the domain says, worded here (see web/i18n.rs).
