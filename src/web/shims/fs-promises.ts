const unavailable = async (): Promise<never> => {
  throw new Error('no file system in the browser');
};

export const readFile = unavailable;
export const readdir = unavailable;
export const realpath = unavailable;
export const stat = unavailable;
