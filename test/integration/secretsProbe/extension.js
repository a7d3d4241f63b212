/* global exports */
// dhis2-pat exports no API, so its vault is out of the suite's reach; this probe hands the suite a real
// ExtensionContext's SecretStorage (the same browser-backed store the vault writes to).
exports.activate = (context) => ({ secrets: context.secrets });
