'use strict';
// Starts the service on $PORT; settings come from the environment.

const { createApp, log } = require('./app');

const port = Number(process.env.PORT || 8080);
const dependencies = Object.keys(process.env).filter((k) => k.endsWith('_URL')).sort();
createApp().listen(port, '0.0.0.0', () => {
  log.info({ port, dependencies }, 'listening');
});
