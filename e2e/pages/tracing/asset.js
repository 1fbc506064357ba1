// A script resource of the tracing pages: shows up as a `resource.script` span on the pageload.
window.assetLoaded = true;
