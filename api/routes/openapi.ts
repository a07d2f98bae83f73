/** GET /api/v1/openapi.json: the API's OpenAPI document (public: it holds no data, only shapes). */
import { Router } from 'express';
import { openApiDocument } from '../openapi/document';

export function openApiRouter(): Router {
  const router = Router();
  router.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  return router;
}
