## The refusals area: sentences the domain says, worded here (see web/i18n.rs).
