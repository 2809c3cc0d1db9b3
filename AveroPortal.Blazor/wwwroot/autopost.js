// The SAML HTTP-POST binding's page (EHerkenningEndpoints.AutoPostForm) submits its form at once; the
// Content-Security-Policy allows no inline script, so this lives in a file of its own.
document.forms[0].submit();
