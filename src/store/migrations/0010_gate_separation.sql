-- No gate opens without its approver (issue 13): the issue's author is kept from deciding gates
-- that declare `separate_from: issue_author`, so it is recorded when the work item starts; a
-- `/workflow` switch is a gate decision of its own, recorded before any pass run may exist.

alter table work_items add column issue_author text;

alter table gate_decisions alter column pass_run_id drop not null;
alter table gate_decisions drop constraint gate_decisions_decision_check;
alter table gate_decisions add constraint gate_decisions_decision_check check (decision in ('approve', 'reject', 'refused', 'switch'));
