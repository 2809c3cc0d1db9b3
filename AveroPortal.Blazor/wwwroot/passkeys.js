// Passkeys (WebAuthn) for the static SSR forms of the settings and the login. A file of its own: the
// Content-Security-Policy allows no inline script. A button [data-passkey="register|second-factor|passwordless"] inside a
// form asks its options endpoint (data-passkey-options) for the Fido2 options with the form's anti-forgery token, calls
// WebAuthn, writes the result into the form's hidden fields ([data-passkey-challenge], [data-passkey-response]) and
// submits that form: the server checks it and, for a login, sets the cookie in that real response. Without
// JavaScript or WebAuthn the buttons stay hidden and [data-passkey-unsupported] says what to do instead; every text
// comes from the page (data-msg-* on the button), so it is in the customer's language.
(() => {
    if (window.averoPasskeys) {
        return;
    }

    const supported = typeof window.PublicKeyCredential === 'function' && !!navigator.credentials && window.isSecureContext;

    // base64url (as Fido2 serialises challenge, user id and credential ids) <-> ArrayBuffer.
    const toBuffer = value => {
        const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=');
        const binary = atob(base64);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) {
            bytes[i] = binary.charCodeAt(i);
        }
        return bytes.buffer;
    };
    const toBase64Url = buffer => {
        if (!buffer) {
            return null;
        }
        const bytes = new Uint8Array(buffer);
        let binary = '';
        for (let i = 0; i < bytes.length; i++) {
            binary += String.fromCharCode(bytes[i]);
        }
        return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    };

    // Fido2 may write members as null; WebAuthn's dictionaries refuse null for most of them.
    const withoutNulls = value => {
        if (Array.isArray(value)) {
            return value.map(withoutNulls);
        }
        if (value && typeof value === 'object') {
            const copy = {};
            for (const [key, member] of Object.entries(value)) {
                if (member !== null && member !== undefined) {
                    copy[key] = withoutNulls(member);
                }
            }
            return copy;
        }
        return value;
    };

    const credentialList = list => (list || []).map(c => ({ ...c, id: toBuffer(c.id) }));

    const creationOptions = json => {
        const options = withoutNulls(json);
        delete options.status;
        delete options.errorMessage;
        if (typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function') {
            try {
                return PublicKeyCredential.parseCreationOptionsFromJSON(options);
            } catch {
                // An older parser that refuses a member Fido2 adds: convert by hand below.
            }
        }
        return {
            ...options,
            challenge: toBuffer(options.challenge),
            user: { ...options.user, id: toBuffer(options.user.id) },
            excludeCredentials: credentialList(options.excludeCredentials),
        };
    };

    const requestOptions = json => {
        const options = withoutNulls(json);
        delete options.status;
        delete options.errorMessage;
        if (typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function') {
            try {
                return PublicKeyCredential.parseRequestOptionsFromJSON(options);
            } catch {
                // As above.
            }
        }
        return { ...options, challenge: toBuffer(options.challenge), allowCredentials: credentialList(options.allowCredentials) };
    };

    const credentialJson = credential => {
        if (typeof credential.toJSON === 'function') {
            try {
                return JSON.stringify(credential.toJSON());
            } catch {
                // By hand below.
            }
        }
        const r = credential.response;
        const response = { clientDataJSON: toBase64Url(r.clientDataJSON) };
        if (r.attestationObject) {
            response.attestationObject = toBase64Url(r.attestationObject);
            response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
        } else {
            response.authenticatorData = toBase64Url(r.authenticatorData);
            response.signature = toBase64Url(r.signature);
            if (r.userHandle) {
                response.userHandle = toBase64Url(r.userHandle);
            }
        }
        return JSON.stringify({
            id: credential.id,
            rawId: toBase64Url(credential.rawId),
            type: credential.type,
            authenticatorAttachment: credential.authenticatorAttachment || undefined,
            response,
            clientExtensionResults: typeof credential.getClientExtensionResults === 'function' ? credential.getClientExtensionResults() : {},
        });
    };

    const status = button => button.form?.querySelector('[data-passkey-status]');

    const show = (button, text) => {
        const target = status(button);
        if (target) {
            target.textContent = text || '';
            target.hidden = !text;
        }
    };

    // Only words the customer can act on; never the browser's own message or a stack trace.
    const messageFor = (button, error) => {
        switch (error && error.name) {
            case 'NotAllowedError':
            case 'AbortError':
                return button.dataset.msgCancelled;
            case 'InvalidStateError':
                return button.dataset.mode === 'register' ? button.dataset.msgExists : button.dataset.msgCancelled;
            case 'SecurityError':
                return button.dataset.msgOrigin;
            case 'NotSupportedError':
                return button.dataset.msgUnsupported;
            default:
                return button.dataset.msgFailed;
        }
    };

    class ServerRefusal extends Error {
        constructor(message, reload) {
            super(message);
            this.reload = reload;
        }
    }

    // The options endpoint: a form post with the form's anti-forgery token (and the portal, for a passwordless login).
    const fetchOptions = async button => {
        const body = new URLSearchParams();
        const token = button.form.querySelector('input[name="__RequestVerificationToken"]');
        if (token) {
            body.append('__RequestVerificationToken', token.value);
        }
        if (button.dataset.portal) {
            body.append('portal', button.dataset.portal);
        }
        const response = await fetch(button.dataset.passkeyOptions, {
            method: 'POST',
            body,
            credentials: 'same-origin',
            headers: { Accept: 'application/json' },
        });
        let answer = null;
        try {
            answer = await response.json();
        } catch {
            // The Dutch error page (too many attempts, an expired form): the generic message below.
        }
        if (!response.ok || !answer || !answer.options) {
            throw new ServerRefusal(answer?.message || button.dataset.msgFailed, !!answer?.reload);
        }
        return answer;
    };

    const submit = (button, challengeId, credential) => {
        const form = button.form;
        form.querySelector('[data-passkey-challenge]').value = challengeId;
        form.querySelector('[data-passkey-response]').value = credentialJson(credential);
        form.submit();
    };

    let conditional = null;

    const ceremony = async button => {
        if (button.dataset.busy === 'true') {
            return;
        }
        if (button.dataset.mode === 'register' && !button.form.reportValidity()) {
            return;
        }
        button.dataset.busy = 'true';
        button.disabled = true;
        show(button, '');
        // A pending autofill request blocks a new one.
        conditional?.abort();
        conditional = null;
        try {
            const { challengeId, options } = await fetchOptions(button);
            const credential = button.dataset.mode === 'register'
                ? await navigator.credentials.create({ publicKey: creationOptions(options) })
                : await navigator.credentials.get({ publicKey: requestOptions(options) });
            if (!credential) {
                throw new DOMException('', 'NotAllowedError');
            }
            submit(button, challengeId, credential);
            return;
        } catch (error) {
            if (error instanceof ServerRefusal) {
                if (error.reload) {
                    location.reload();
                    return;
                }
                show(button, error.message);
            } else {
                show(button, messageFor(button, error));
            }
        }
        button.disabled = false;
        button.dataset.busy = 'false';
    };

    // Passkey autofill on the e-mail field (autocomplete="username webauthn"): a quiet request that the browser only
    // answers when the customer picks a passkey from the field's suggestions.
    const startConditional = async button => {
        try {
            if (typeof PublicKeyCredential.isConditionalMediationAvailable !== 'function'
                || !(await PublicKeyCredential.isConditionalMediationAvailable())) {
                return;
            }
            const controller = new AbortController();
            conditional = controller;
            const { challengeId, options } = await fetchOptions(button);
            if (controller.signal.aborted) {
                return;
            }
            const credential = await navigator.credentials.get({
                publicKey: requestOptions(options),
                mediation: 'conditional',
                signal: controller.signal,
            });
            if (credential && conditional === controller) {
                submit(button, challengeId, credential);
            }
        } catch (error) {
            // Aborted for the button, refused or unsupported: the button and the password form stay.
            if (error instanceof ServerRefusal && !error.reload) {
                show(button, error.message);
            }
        }
    };

    const init = () => {
        conditional?.abort();
        conditional = null;
        document.querySelectorAll('[data-passkey-unsupported]').forEach(element => { element.hidden = supported; });
        document.querySelectorAll('[data-passkey]').forEach(button => {
            button.dataset.mode = button.dataset.passkey;
            button.hidden = !supported;
            if (supported && button.dataset.conditional === 'true' && !button.disabled) {
                startConditional(button);
            }
        });
    };

    document.addEventListener('click', event => {
        const button = event.target instanceof Element ? event.target.closest('[data-passkey]') : null;
        if (button && supported) {
            event.preventDefault();
            ceremony(button);
        }
    });

    window.averoPasskeys = { init };
    init();
    // blazor.web.js swaps a static page's content on an enhanced navigation without running its scripts again.
    if (window.Blazor && typeof window.Blazor.addEventListener === 'function') {
        window.Blazor.addEventListener('enhancedload', init);
    }
})();
