# Labels of the closed vocabularies: message `<vocabulary>-<code>`.

post-kind-embassy = embassy
post-kind-consulate_general = consulate general
post-kind-consulate = consulate
post-kind-mission_to_io = mission to an international organisation
post-kind-annex = annex
post-kind-cultural_institute = cultural institute
post-kind-trade_representation = trade representation

post-status-open = open
post-status-suspended = suspended
post-status-closed = closed

premises-kind-chancery = Chancery
premises-kind-residence = Residence
premises-kind-compound = Compound
premises-kind-warehouse = Warehouse
premises-kind-annex = Annex

staff-category-head_of_mission = Head of mission
staff-category-diplomatic = Diplomatic staff
staff-category-administrative_technical = Administrative and technical staff
staff-category-service = Service staff
staff-category-locally_employed = Locally employed staff
staff-category-private_servant = Private servants
staff-category-family = Family members

measure-kind-expulsion = Expulsion
measure-kind-staff_cap = Cap on staff
measure-kind-local_staff_limit = Limit on local staff
measure-kind-post_closure = Closure of a post
measure-kind-premises_access_barred = Access to premises barred
measure-kind-premises_seized = Premises seized
measure-kind-visa_restriction = Visa restriction
measure-kind-travel_restriction = Travel restriction
measure-kind-consular_service_restriction = Restriction of consular services
measure-kind-banking_restriction = Banking restriction
measure-kind-official_visitor_quota = Quota on official visitors
measure-kind-replacements_barred = Replacements barred
measure-kind-summons = Summons
measure-kind-search = Search
measure-kind-recall_for_consultation = Recall for consultations
measure-kind-consular_access_denied = Consular access denied
measure-kind-other = Other measure

character-event = one-off event
character-standing = standing measure

capacity-host_government = host government
capacity-sending_state = sending state
capacity-local_authority = local authority
capacity-legislature = legislature
capacity-court = court
capacity-private = private party

confidence-high = high confidence
confidence-medium = medium confidence
confidence-low = low confidence

bound-exact = exactly
bound-about = about
bound-at_least = at least
bound-more_than = more than
bound-at_most = at most

counting-all_staff = all staff
counting-sending_state_staff = staff sent by the sending state
counting-diplomatic = diplomatic staff
counting-administrative_technical = administrative and technical staff
counting-service = service staff
counting-locally_employed = locally employed staff

staff-figure-let_go = staff let go
staff-figure-headcount = headcount

service-level-full = full
service-level-limited = limited
service-level-emergency_only = emergency only
service-level-none = none

consular-service-nonimmigrant_visitor = Nonimmigrant visas: visitors
consular-service-nonimmigrant_student_exchange = Nonimmigrant visas: students and exchange
consular-service-nonimmigrant_work = Nonimmigrant visas: work
consular-service-diplomatic_official = Diplomatic and official visas
consular-service-immigrant_visa = Immigrant visas
consular-service-passports_citizenship = Passports and citizenship
consular-service-emergency_citizen_services = Emergency help to citizens
consular-service-notarial_civil_status = Notarial and civil-status acts
consular-service-detainee_visits = Visits to detained nationals
consular-service-trade_promotion = Trade promotion
consular-service-commercial_services = Commercial services

commitment-status-open = open
commitment-status-in_progress = in progress
commitment-status-kept = kept
commitment-status-broken = broken
commitment-status-withdrawn = withdrawn

case-kind-arrest = Arrest
case-kind-detention = Detention
case-kind-death = Death
case-kind-emergency = Emergency

case-step-informed_of_consular_rights = Informed of consular rights
case-step-consulate_notified = Consulate notified
case-step-access_requested = Consular access requested
case-step-access_granted = Consular access granted
case-step-access_denied = Consular access denied
case-step-visit = Consular visit
case-step-charged = Charged
case-step-tried = Tried
case-step-sentenced = Sentenced
case-step-released = Released
case-step-exchanged = Exchanged
case-step-closed = Case closed

kind-state_registered = A state is registered
kind-post_opened = A post opened
kind-post_suspended = A post suspended
kind-post_resumed = A post resumed
kind-post_closed = A post closed
kind-post_reopened = A closed post reopened
kind-consular_services_changed = Consular services changed
kind-consular_staff_reported = Consular staff at a post reported
kind-consular_productivity_set = Consular productivity set for a post
kind-consular_demand_reported = Demand for a consular service reported
kind-consular_issuance_reported = Consular issuances over a period reported
kind-premises_acquired = Premises acquired
kind-premises_access_barred = Access to premises barred
kind-premises_seized = Premises seized
kind-premises_returned = Premises returned
kind-premises_released = Premises released
kind-premises_status_removed = Diplomatic status of premises removed
kind-premises_status_restored = Diplomatic status of premises restored
kind-member_notified = A member of staff notified
kind-member_arrived = A member arrived
kind-member_declared_png = A member declared persona non grata
kind-member_departed = A member departed
kind-agrement_requested = Agrément requested
kind-agrement_granted = Agrément granted
kind-agrement_refused = Agrément refused
kind-hom_appointed = Head of mission appointed
kind-hom_arrived = Head of mission arrived
kind-hom_credentials_copies = Copies of credentials presented
kind-hom_credentials_presented = Credentials presented
kind-hom_absent = Head of mission absent (recalled)
kind-hom_returned = Head of mission returned
kind-hom_departed = Head of mission departed
kind-charge_assumed = Chargé d'affaires assumed charge
kind-charge_ended = Chargé d'affaires ended
kind-staffing_reported = Staffing reported
kind-measure_imposed = A measure imposed
kind-measure_amended = A measure amended
kind-measure_eased = A measure eased
kind-measure_lifted = A measure lifted
kind-round_held = A round of talks held
kind-round_cancelled = A round of talks cancelled
kind-agreement_recorded = An agreement recorded
kind-statement_recorded = A statement recorded
kind-commitment_made = A commitment made
kind-commitment_status_changed = A commitment's status changed
kind-commitment_kept = A commitment kept
kind-act_withdrawn = An act withdrawn (recorded in error)
kind-claim_disputed = A claim of the other party disputed
kind-claim_confirmed = A claim of the other party confirmed
kind-case_opened = A case of a national opened
kind-case_step = A step in a national's case

round-status-held = held
round-status-cancelled = cancelled
