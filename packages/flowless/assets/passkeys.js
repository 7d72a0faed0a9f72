// Flowless hosted pages: the browser half of passkeys (registration and sign-in), on top of
// webauthn.js (@simplewebauthn/browser). Filled in with the passkey pages.
