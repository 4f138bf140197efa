console.log('Thanks for installing with-banner!');
