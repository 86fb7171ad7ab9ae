// terraform init, validate and plan take seconds to minutes per stack.
jest.setTimeout(600_000);
