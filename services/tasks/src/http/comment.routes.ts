import type { Router } from 'express';
import { CreateCommentBody, cursorQuery } from '@taskflow/contracts/api';
import { authOf } from '@taskflow/service-kit/auth';
import { createRouter, parse } from '@taskflow/service-kit/http';
import type { CommentsService } from '../domain/comment.service';
import { idParam } from './params';

export function commentsRoutes(comments: CommentsService): Router {
  const router = createRouter();

  router.get('/api/tasks/:tid/comments', async (req, res) => {
    const taskId = idParam(req, 'tid', 'Task');
    const query = parse(cursorQuery, req.query);
    res.json(await comments.listComments(authOf(req).userId, taskId, query));
  });

  router.post('/api/tasks/:tid/comments', async (req, res) => {
    const taskId = idParam(req, 'tid', 'Task');
    const body = parse(CreateCommentBody, req.body);
    res.status(201).json(await comments.createComment(authOf(req).userId, taskId, body.body));
  });

  router.delete('/api/comments/:cid', async (req, res) => {
    await comments.deleteComment(authOf(req).userId, idParam(req, 'cid', 'Comment'));
    res.status(204).end();
  });

  return router;
}
