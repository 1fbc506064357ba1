// Loaded first on the strict-policy pages: records every policy violation from the start.
window.violations = [];
document.addEventListener('securitypolicyviolation', function (e) { window.violations.push(e.violatedDirective + ' ' + e.blockedURI); });
