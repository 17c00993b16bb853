-- X.509 device certificates (issue 16 "per-device credentials", docs/iot-devices.md "Certificates"): a certificate
-- registered for a thing without a CA, as AWS IoT RegisterCertificateWithoutCA does. certificate_id is the SHA-256 of
-- the certificate's DER bytes in lower-case hex (AWS IoT's certificateId), unique across accounts: the broker finds the
-- certificate, and through it the account, from the one a client presents in the TLS handshake. The PEM is public
-- data (no private key is ever sent); not_before and not_after are copied out of it so the broker refuses an expired
-- certificate without parsing it on every CONNECT.
CREATE TABLE iot_certificates (
    certificate_id   TEXT    NOT NULL PRIMARY KEY,
    account_id       TEXT    NOT NULL,
    thing_name       TEXT    NOT NULL,
    certificate_pem  TEXT    NOT NULL,
    not_before       INTEGER NOT NULL,
    not_after        INTEGER NOT NULL,
    active           INTEGER NOT NULL,
    created_at       INTEGER NOT NULL
) WITHOUT ROWID;

-- A thing's certificates: listed with its credentials, deleted with it.
CREATE INDEX iot_certificates_thing ON iot_certificates (account_id, thing_name);
