-- Per-user time zone: an IANA id such as Europe/Paris chosen in the profile; null follows the browser.
ALTER TABLE users ADD COLUMN time_zone VARCHAR(64);
