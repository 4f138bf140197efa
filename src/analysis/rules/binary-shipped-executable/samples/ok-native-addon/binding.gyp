{ 'targets': [ { 'target_name': 'hash', 'sources': [ 'src/hash.cc' ] } ] }
