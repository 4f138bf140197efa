if (Number(process.versions.node.split('.')[0]) < 20) process.exit(1);
