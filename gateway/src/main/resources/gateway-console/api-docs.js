// Swagger UI over the gateway's own OpenAPI document; "try it" calls this origin with the key given under
// "Authorize". A key the console holds for this tab is offered there; none is ever kept beyond the tab.
const ui = SwaggerUIBundle({
  url: '/api/docs/openapi.yaml',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: false,
  onComplete: () => {
    const key = sessionStorage.getItem('treaty-registry.api-key');
    if (key) ui.preauthorizeApiKey('apiKey', key);
  },
});
