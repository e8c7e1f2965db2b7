import { getGatehouse } from "../../../../server/gatehouse";

const handler = (request: Request) => getGatehouse().handleRequest(request);

export { handler as GET, handler as POST };
