/** A PostgreSQL data source as GET /api/datasources lists it, for pages that pick one. */
export const salesDb = {
  id: 'ds1',
  name: 'Sales DB',
  driver: 'postgresql',
  driverName: 'PostgreSQL',
  driverAvailable: true,
  host: 'db',
  port: 5432,
  database: 'sales',
  user: 'reader',
  password: { set: true },
  options: {},
  tls: { mode: 'DISABLE', caCertificate: null },
  ssh: null,
  readOnlyEnforced: true,
  queryTimeoutSeconds: 120,
};
