-- The doorbell (docs/DESIGN.md §4): a single submission commits its job and sends the message after the commit.
-- Each instance's heartbeat says before when everything it stored has been sent; when the instance is found dead,
-- a live one sends again the jobs it stored at or after that time which never started (OrphanRecovery).
ALTER TABLE server ADD COLUMN sent_before timestamptz;
