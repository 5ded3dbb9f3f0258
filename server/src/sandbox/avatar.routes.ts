import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { SandboxState } from './state';

const palette = ['#3370ff', '#00b42a', '#ff7d00', '#7816ff', '#0fc6c2', '#f53f3f', '#14c9c9', '#3491fa'];

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** DingTalk shows people without a photo as a coloured disc with the last two characters of their name. */
function avatarSvg(userId: string, name: string): string {
  const colour = palette[createHash('sha256').update(userId).digest()[0]! % palette.length];
  const initials = escapeXml([...name].slice(-2).join(''));
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">',
    `<circle cx="48" cy="48" r="48" fill="${colour}"/>`,
    `<text x="48" y="48" dy=".35em" text-anchor="middle" font-family="PingFang SC, Microsoft YaHei, sans-serif" font-size="32" fill="#fff">${initials}</text>`,
    '</svg>',
  ].join('');
}

/** Avatar images for the demo people, so profiles carry a working `avatar` URL. */
export const avatarRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  app.get<{ Params: { file: string } }>('/sandbox/avatars/:file', async (request, reply) => {
    const userId = request.params.file.replace(/\.svg$/, '');
    const user = state.org.getUser(userId);
    if (!user) return reply.callNotFound();
    return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(avatarSvg(user.userId, user.name));
  });
};
